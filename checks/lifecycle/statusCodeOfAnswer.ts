import type { ExpectedAnswer, Finding, LifecycleExchange } from './types.ts';

/** status-code: the call's status is the operation's success code or the expected error's status (spec /oracle). */
export function statusCodeOfAnswer(exchange: LifecycleExchange, expected: ExpectedAnswer): Finding[] {
  const status = exchange.response?.status;
  if (status === undefined || status === expected.status || (expected.kind === 'error' && status === expected.orStatus)) return [];
  const why = expected.kind === 'error' ? expected.why : `the request is valid and ${exchange.operation.name} answers success with ${expected.status}`;
  const server = status >= 500 ? ' (a server error)' : '';
  return [{ check: 'status-code', path: 'status', expected: expected.status, actual: status, message: `${exchange.operation.name}: expected ${expected.status} because ${why}; got ${status}${server}` }];
}
