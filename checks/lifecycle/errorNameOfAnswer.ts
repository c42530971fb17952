import { errorTypeOf } from '../../src/protocol/index.ts';
import type { ExpectedAnswer, Finding, LifecycleExchange } from './types.ts';

/**
 * error-name: an expected error carries the name the oracle gives it (NotFoundException for an unknown
 * session, BadRequestException for a broken constraint; spec /oracle). Judged only when the status already
 * is the expected one, so a wrong status is reported once, by status-code.
 */
export function errorNameOfAnswer(exchange: LifecycleExchange, expected: ExpectedAnswer): Finding[] {
  const r = exchange.response;
  if (expected.kind !== 'error' || r?.status !== expected.status) return [];
  const header = exchange.operation.spec.errorContract.header;
  const name = errorTypeOf(r.headers, r.json, header);
  if (name === expected.error) return [];
  return [{ check: 'error-name', path: `header:${header.toLowerCase()}`, expected: expected.error, actual: name ?? '(none)', message: `${exchange.operation.name}: expected ${expected.error} because ${expected.why}; got ${name ?? 'no error name'}` }];
}
