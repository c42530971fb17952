import { setTimeout as sleep } from 'node:timers/promises';
import {
  awsCredentials,
  createDispatcher,
  createSigner,
  isRetryable,
  retryDelayMs,
  sendRequest,
  type TransportFailure,
  type WireRequest,
  type WireResponse,
} from '../../src/protocol/index.ts';
import type { OperationModel } from '../../src/spec/index.ts';
import { runLimits } from './runLimits.ts';
import type { RunOptions } from './types.ts';

/** Why a request was not sent at all (a budget is spent): the case is incomplete, not failed. */
export interface NotSent {
  kind: 'not-sent';
  message: string;
}

export interface SendOptions {
  timeoutMs?: number;
  /** A create may start a session: it needs room in the session budget. */
  creates?: boolean;
  /** Cleanup: sent even when the request budget is spent, since leaving sessions behind is worse. */
  cleanup?: boolean;
}

/**
 * What a suite sends through: signing, the run's budgets and rate, retries of throttled answers, and
 * the connection pool, in that order, in one place.
 */
export interface Transport {
  send(request: WireRequest, options?: SendOptions): Promise<WireResponse | TransportFailure | NotSent>;
  /** Throttled or unavailable answers that were retried (not judged). */
  readonly retries: number;
  close(): Promise<void>;
}

/** The transport of one suite run: a keep-alive pool sized for --concurrency, with the run's limits. */
export function createTransport(model: OperationModel, options: RunOptions): Transport {
  const dispatcher = createDispatcher(options.concurrency);
  // Every raw request is SigV4-signed (spec /service/signingName); with auth 'none' the credentials are a
  // stand-in, so the emulator sees the same headers a real client sends.
  const sign = createSigner({ service: model.spec.service.signingName, region: options.region, credentials: awsCredentials(options) });
  const limits = runLimits(options);
  let retries = 0;

  const attempt = async (request: WireRequest, timeoutMs: number) => {
    await limits.pace();
    // Signed per attempt: X-Amz-Date must be fresh on a retry.
    return sendRequest(await sign(request), { timeoutMs, maxBodyBytes: options.maxBodyBytes, dispatcher });
  };

  return {
    async send(request, override = {}) {
      if (override.creates && !limits.reserveSession()) return { kind: 'not-sent', message: limits.exhausted ?? 'budget spent' };
      let result: WireResponse | TransportFailure | NotSent = { kind: 'not-sent', message: 'not sent' };
      try {
        for (let n = 0; n < model.spec.retry.maxAttempts; n++) {
          if (!override.cleanup && !limits.reserveRequest()) return (result = { kind: 'not-sent', message: limits.exhausted ?? 'budget spent' });
          result = await attempt(request, override.timeoutMs ?? options.timeoutMs);
          if (!isRetryable(model, result) || n === model.spec.retry.maxAttempts - 1) return result;
          retries++;
          await sleep(retryDelayMs(model, n, (result as WireResponse).headers['retry-after']));
        }
        return result;
      } finally {
        if (override.creates) limits.settleSession(!('kind' in result) && result.status >= 200 && result.status < 300);
      }
    },
    get retries() {
      return retries;
    },
    close: () => dispatcher.close().catch(() => undefined),
  };
}
