import type { OperationModel } from '../../src/spec/index.ts';
import { callsOf, clientCheck, nth } from './_exchanges.ts';

/**
 * honours-retry-after: a retry after an answer with Retry-After: N (seconds) comes no earlier than N
 * seconds after that answer, less /clients/retryAfterSlackMs. A client that does not retry is not judged.
 */
export function honoursRetryAfter(model: OperationModel) {
  const slack = model.spec.clients!.retryAfterSlackMs;
  return clientCheck(
    model,
    'honours-retry-after',
    'behaviour',
    (ctx) => ctx.run.exchanges.some((e) => retryAfterOf(e.answer?.headers) !== undefined),
    (ctx, fail) =>
      callsOf(ctx.run.exchanges).flatMap((attempts) =>
        attempts.slice(0, -1).flatMap((attempt, i) => {
          const seconds = retryAfterOf(attempt.answer?.headers);
          if (seconds === undefined || !attempt.answer) return [];
          const retry = attempts[i + 1]!;
          const waited = retry.receivedAt - attempt.answer.sentAt;
          if (waited >= seconds * 1000 - slack) return [];
          return [fail({ path: nth(retry), expected: `a wait of at least ${seconds} s`, actual: `${waited} ms`, message: `the client retried ${waited} ms after an answer with Retry-After: ${seconds}`, exchange: retry.index })];
        }),
      ),
  );
}

/** @internal The seconds of a Retry-After header in its delay-seconds form (RFC 9110 §10.2.3). */
export function retryAfterOf(headers: Record<string, string> | undefined): number | undefined {
  const value = headers?.['retry-after'];
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value.trim()) : undefined;
}
