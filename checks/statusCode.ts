import { expectationOf } from './expectationOf.ts';
import { eachExchange, fail } from './_exchange.ts';
import type { Check } from './types.ts';

/**
 * The status code the oracle demands: the operation's success code (spec /operation/http/code) for
 * must-accept, the error's status for must-reject and unknown connector; for unspecified cases any 2xx
 * or 4xx, never a 5xx.
 */
export const statusCode: Check = {
  id: 'status-code',
  title: 'the status code is the one the spec demands',
  concern: 'status',
  strength: 'required',
  applies: (ctx) => ctx.run.exchanges.some((ex) => ex.response),
  run: (ctx) =>
    eachExchange(ctx, (ex) => {
      const status = ex.response?.status;
      if (status === undefined) return [];
      const expected = expectationOf(ctx.model, ex.step);
      if (expected.kind === 'unspecified') {
        return status >= 500 || status < 200 || (status >= 300 && status < 400)
          ? [fail('status-code', 'status', '2xx or 4xx', status, `an undocumented input (${expected.why}) got ${status}; a server must not fail on it`)]
          : [];
      }
      if (status === expected.status || (expected.kind === 'error' && expected.alsoStatus?.includes(status))) return [];
      const why = expected.kind === 'error' ? expected.why : 'the request is valid and documented';
      const server = status >= 500 ? ' (a server error on client input)' : '';
      const alternatives = expected.kind === 'error' && expected.alsoStatus?.length ? [expected.status, ...expected.alsoStatus] : undefined;
      const wanted = alternatives ? alternatives.join(' or ') : String(expected.status);
      return [fail('status-code', 'status', alternatives ?? expected.status, status, `expected ${wanted} because ${why}; got ${status}${server}`)];
    }),
};
