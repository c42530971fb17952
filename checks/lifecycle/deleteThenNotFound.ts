import { errorTypeOf } from '../../src/protocol/index.ts';
import type { ExpectedAnswer, Finding, LifecycleExchange } from './types.ts';

/**
 * delete-then-not-found (spec /invariants): once DeleteProxySession answered its success code, Get, Update
 * and Delete of that id answer the oracle's unknownProxySession error (`expected`), status and name.
 */
export function deleteThenNotFound(id: string, exchange: LifecycleExchange, expected: ExpectedAnswer): Finding[] {
  const r = exchange.response;
  if (!r || expected.kind !== 'error' || r.status === expected.orStatus) return [];
  const name = errorTypeOf(r.headers, r.json, exchange.operation.spec.errorContract.header);
  if (r.status === expected.status && name === expected.error) return [];
  return [
    {
      check: 'delete-then-not-found',
      path: r.status === expected.status ? 'header:' + exchange.operation.spec.errorContract.header.toLowerCase() : 'status',
      expected: { status: expected.status, errorType: expected.error },
      actual: { status: r.status, ...(name !== undefined ? { errorType: name } : {}) },
      message: `${exchange.operation.name} of session ${id}, which this run deleted, answered ${r.status}${name ? ` ${name}` : ''} instead of ${expected.status} ${expected.error}`,
    },
  ];
}
