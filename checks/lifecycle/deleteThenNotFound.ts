import { errorTypeOf } from '../../src/protocol/index.ts';
import type { OperationModel } from '../../src/spec/index.ts';
import { operationOf } from '../expectationOf.ts';
import type { Exchange } from '../types.ts';
import type { Finding } from './types.ts';

/**
 * delete-then-not-found (spec /invariants): once DeleteProxySession answered its success code, Get, Update
 * and Delete of that id answer the oracle's unknownProxySession error (spec /oracle), status and name. A
 * repeated Delete may also answer its success code: HTTP DELETE is idempotent (RFC 9110 §9.2.2).
 */
export function deleteThenNotFound(model: OperationModel, id: string, exchange: Exchange): Finding[] {
  const r = exchange.response;
  const operation = operationOf(model, exchange.step);
  const expected = model.spec.oracle.unknownProxySession;
  if (!r || (operation.http.method === 'DELETE' && r.status === operation.http.code)) return [];
  const header = model.spec.errorContract.header;
  const name = errorTypeOf(r.headers, r.json, header);
  if (r.status === expected.status && name === expected.error) return [];
  return [
    {
      check: 'delete-then-not-found',
      path: r.status === expected.status ? `header:${header.toLowerCase()}` : 'status',
      expected: { status: expected.status, errorType: expected.error },
      actual: { status: r.status, ...(name !== undefined ? { errorType: name } : {}) },
      message: `${operation.name} of session ${id}, which this run deleted, answered ${r.status}${name ? ` ${name}` : ''} instead of ${expected.status} ${expected.error}`,
    },
  ];
}
