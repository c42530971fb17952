import { expectationOf } from './expectationOf.ts';
import { eachExchange, fail } from './_exchange.ts';
import type { Check, Exchange } from './types.ts';
import type { OperationModel } from '../src/spec/index.ts';

/**
 * A request that is the client's fault, or whose outcome is open (every case but a must-accept one), is
 * never answered with a server error: a 5xx says the service failed (spec /errors: the 5xx errors are
 * the `server` faults), and a client cannot do anything about it. Required everywhere, also where the
 * exact status and error name are not grounded (spec /oracle/malformedHttp).
 */
export const notAServerError: Check = {
  id: 'not-a-server-error',
  title: "a client's bad or undocumented request never gets a 5xx",
  concern: 'status',
  strength: 'required',
  applies: (ctx) => ctx.run.exchanges.some((ex) => judged(ctx.model, ex)),
  run: (ctx) =>
    eachExchange(ctx, (ex) => {
      if (!judged(ctx.model, ex) || ex.response!.status < 500) return [];
      const { why } = expectationOf(ctx.model, ex.step) as { why: string };
      return [fail('not-a-server-error', 'status', 'a 4xx (or, where the outcome is open, a 2xx)', ex.response!.status, `${ex.request.method} answered ${ex.response!.status}, a server error, to a request whose fault is the client's or whose outcome is open (${why})`)];
    }),
};

function judged(model: OperationModel, ex: Exchange): boolean {
  return ex.response !== undefined && expectationOf(model, ex.step).kind !== 'success';
}
