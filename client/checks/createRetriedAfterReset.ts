import type { OperationModel } from '../../src/spec/index.ts';
import { callsOf, clientCheck, nth } from './_exchanges.ts';

/**
 * create-retried-after-reset (advisory): a POST, which RFC 9110 §9.2.2 does not make idempotent, was sent
 * again after its connection was reset. The server may have acted on the first one (the emulator did: it
 * served the request and then dropped the answer), and the model gives the create no client token to
 * recognise a repeat, so a session can be made twice. Clients differ here; the report says so.
 */
export function createRetriedAfterReset(model: OperationModel) {
  return clientCheck(
    model,
    'create-retried-after-reset',
    'behaviour',
    (ctx) => ctx.run.exchanges.some((e) => e.resetAt !== undefined && e.method === 'POST'),
    (ctx, fail) =>
      callsOf(ctx.run.exchanges).flatMap((attempts) =>
        attempts.slice(0, -1).flatMap((attempt, i) => {
          if (attempt.resetAt === undefined || attempt.method !== 'POST') return [];
          const retry = attempts[i + 1]!;
          return [fail({ path: nth(retry), expected: 'the reset surfaced to the caller (or a client token that makes the retry safe)', actual: `${nth(retry)} repeats the ${ctx.run.case.operation}`, message: `the client sent the non-idempotent ${ctx.run.case.operation} again after its connection was reset: the first may have taken effect, so the session may exist twice`, exchange: retry.index })];
        }),
      ),
  );
}
