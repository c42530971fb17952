import type { OperationModel } from '../../src/spec/index.ts';
import { callsOf, clientCheck, nth, outcomeOf } from './_exchanges.ts';

/**
 * retries-retryable: a call whose last answer was an error of spec /retry/errors (throttled, unavailable)
 * was retried until it had made spec /clients/minAttempts attempts. A client that gives up on the first
 * throttle surfaces errors a moment's wait would have avoided.
 */
export function retriesRetryable(model: OperationModel) {
  const { minAttempts } = model.spec.clients!;
  return clientCheck(
    model,
    'retries-retryable',
    'behaviour',
    (ctx) => ctx.run.exchanges.some((e) => {
      const o = outcomeOf(model, e);
      return o.kind === 'error' && model.spec.retry.errors.includes(o.name);
    }),
    (ctx, fail) =>
      callsOf(ctx.run.exchanges).flatMap((attempts) => {
        const last = attempts.at(-1)!;
        const outcome = outcomeOf(model, last);
        if (outcome.kind !== 'error' || !model.spec.retry.errors.includes(outcome.name) || attempts.length >= minAttempts) return [];
        return [
          fail({
            path: nth(last),
            expected: `at least ${minAttempts} attempts`,
            actual: `${attempts.length} attempt(s)`,
            message: `the client gave up after ${attempts.length} attempt(s), the last answered ${outcome.name} (${outcome.answer.status}), which spec /retry/errors makes retryable`,
            exchange: last.index,
          }),
        ];
      }),
  );
}
