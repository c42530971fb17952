import type { OperationModel } from '../../src/spec/index.ts';
import { callsOf, clientCheck, nth, retryability } from './_exchanges.ts';

/**
 * retries-only-retryable: a request is sent again only after an answer that may be retried: an error of
 * spec /retry/errors, a server fault (/errors fault: server), or no answer at all. Never after a success,
 * and never after a client fault (/errors fault: client, e.g. BadRequestException 400): the same request
 * would fail the same way.
 */
export function retriesOnlyRetryable(model: OperationModel) {
  return clientCheck(
    model,
    'retries-only-retryable',
    'behaviour',
    (ctx) => ctx.run.exchanges.length > 0,
    (ctx, fail) =>
      callsOf(ctx.run.exchanges).flatMap((attempts) =>
        attempts.slice(0, -1).flatMap((attempt, i) => {
          const retry = attempts[i + 1]!;
          const { verdict, why } = retryability(model, attempt, retry.receivedAt);
          if (verdict !== 'never') return [];
          return [fail({ path: `${nth(retry)}`, expected: 'no retry', actual: `${nth(retry)} repeats ${nth(attempt)}`, message: `the client retried after an answer that must not be retried: ${why}`, exchange: retry.index })];
        }),
      ),
  );
}
