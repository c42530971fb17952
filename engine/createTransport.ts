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
} from '../src/protocol/index.ts';
import type { AuthMutation } from '../generators/index.ts';
import type { OperationModel } from '../src/spec/index.ts';
import type { RunLimits, SessionClaim } from './runLimits.ts';
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
  /** Room the case claimed ahead for its creates (RunLimits.claimSessions): a create spends one unit of it. */
  claim?: SessionClaim;
  /** A create the run can do without (the SDK's copy of a step): no room is not news (RunLimits.reserveSession). */
  optional?: boolean;
  /** Cleanup: sent even when the request budget is spent, since leaving sessions behind is worse. */
  cleanup?: boolean;
  /** Spoil the signature on purpose (the opt-in auth suite). */
  auth?: AuthMutation;
}

/** How far back a stale X-Amz-Date goes: well past the 5 to 15 minutes of skew AWS services allow. */
const STALE_MS = 60 * 60 * 1000;

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

/** The transport of one run: a keep-alive pool sized for --concurrency, with the run's limits. */
export function createTransport(model: OperationModel, options: RunOptions, limits: RunLimits): Transport {
  const dispatcher = createDispatcher(options.concurrency);
  // Every raw request is SigV4-signed (spec /service/signingName); with auth 'none' the credentials are a
  // stand-in, so the emulator sees the same headers a real client sends.
  const sign = createSigner({ service: model.spec.service.signingName, region: options.region, credentials: awsCredentials(options) });
  let retries = 0;

  const attempt = async (request: WireRequest, timeoutMs: number, auth: AuthMutation | undefined) => {
    await limits.pace();
    // Signed per attempt: X-Amz-Date must be fresh on a retry.
    return sendRequest(await signAs(request, auth), { timeoutMs, maxBodyBytes: options.maxBodyBytes, dispatcher });
  };
  const signAs = async (request: WireRequest, auth: AuthMutation | undefined): Promise<WireRequest> => {
    if (auth === 'unsigned') return request;
    if (auth === 'stale-date') return sign(request, { signingDate: new Date(Date.now() - STALE_MS) });
    const signed = await sign(request);
    if (auth !== 'wrong-signature') return signed;
    // The last hex digit of the signature, changed: well-formed, and wrong.
    const header = signed.headers.authorization ?? '';
    return { ...signed, headers: { ...signed.headers, authorization: header.replace(/[0-9a-f]$/, (d) => (d === '0' ? '1' : '0')) } };
  };

  return {
    async send(request, override = {}) {
      if (override.creates) {
        if (override.claim && override.claim.left > 0) override.claim.left--;
        else if (!limits.reserveSession(override.optional)) return { kind: 'not-sent', message: limits.exhausted ?? 'the session budget has no room for this optional create' };
      }
      let result: WireResponse | TransportFailure | NotSent = { kind: 'not-sent', message: 'not sent' };
      try {
        for (let n = 0; n < model.spec.retry.maxAttempts; n++) {
          if (!override.cleanup && !limits.reserveRequest()) return (result = { kind: 'not-sent', message: limits.exhausted ?? 'budget spent' });
          result = await attempt(request, override.timeoutMs ?? options.timeoutMs, override.auth);
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
