import type { OperationModel } from '../spec/index.ts';
import { errorTypeOf } from './errorType.ts';
import type { TransportFailure, WireResponse } from './types.ts';

/**
 * Whether an answer says "try again later" (spec /retry/errors, by error name or by that error's
 * status): such answers are retried, not judged.
 */
export function isRetryable(model: OperationModel, result: WireResponse | TransportFailure): boolean {
  if ('kind' in result) return false;
  const retry = model.spec.retry.errors;
  const name = errorTypeOf(result.headers, result.json, model.spec.errorContract.header);
  if (name !== undefined && retry.includes(name)) return true;
  return retry.some((e) => model.spec.errors[e]?.status === result.status);
}

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"), capped,
 * and never sooner than a Retry-After the server sent (seconds or an HTTP date).
 */
export function retryDelayMs(model: OperationModel, attempt: number, retryAfter: string | undefined, random: () => number = Math.random): number {
  const { baseDelayMs, maxDelayMs } = model.spec.retry;
  const backoff = random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
  const asked = retryAfterMs(retryAfter);
  return Math.min(maxDelayMs, Math.max(backoff, asked ?? 0));
}

function retryAfterMs(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
