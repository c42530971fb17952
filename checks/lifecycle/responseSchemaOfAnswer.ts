import { valueAt } from '../_exchange.ts';
import type { Finding, LifecycleExchange } from './types.ts';

/**
 * response-schema: a 2xx answer of an operation with an output is JSON that satisfies that output shape
 * (spec /operations/<name>/output, compiled to JSON Schema). Operations without output (Smithy Unit) have
 * no body to judge.
 */
export function responseSchemaOfAnswer(exchange: LifecycleExchange): Finding[] {
  const r = exchange.response;
  if (!r || r.status < 200 || r.status > 299 || exchange.operation.output === undefined) return [];
  if (r.json === undefined) return [{ check: 'response-schema', path: 'body', expected: 'a JSON body', actual: r.bodyText.slice(0, 200), message: `${exchange.operation.name}: the success body is not JSON` }];
  return exchange.operation.validateOutput(r.json).map((v) => ({
    check: 'response-schema',
    path: `body${v.path}`,
    expected: v.keyword,
    actual: valueAt(r.json, v.path),
    message: `${exchange.operation.name}: body${v.path} ${v.message}`,
  }));
}
