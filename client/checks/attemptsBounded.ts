import type { OperationModel } from '../../src/spec/index.ts';
import { callsOf, clientCheck, nth } from './_exchanges.ts';

/** attempts-bounded: no call makes more than spec /retry/maxAttempts attempts, whatever the answers. */
export function attemptsBounded(model: OperationModel) {
  const { maxAttempts } = model.spec.retry;
  return clientCheck(
    model,
    'attempts-bounded',
    'behaviour',
    (ctx) => ctx.run.exchanges.length > 0,
    (ctx, fail) =>
      callsOf(ctx.run.exchanges).flatMap((attempts) => {
        if (attempts.length <= maxAttempts) return [];
        const over = attempts[maxAttempts]!;
        return [fail({ path: nth(over), expected: `at most ${maxAttempts} attempts`, actual: `${attempts.length} attempts`, message: `one call made ${attempts.length} attempts; spec /retry/maxAttempts allows ${maxAttempts}`, exchange: over.index })];
      }),
  );
}
