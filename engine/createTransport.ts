import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  awsCredentials,
  createDispatcher,
  createSigner,
  isRetryable,
  retryDelayMs,
  sendRequest,
  type AuthSettings,
  type NotSent,
  type TransportFailure,
  type WireRequest,
  type WireResponse,
} from '../src/protocol/index.ts';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { AuthMutation } from '../generators/index.ts';
import type { OperationModel } from '../src/spec/index.ts';
import type { TrafficCapture } from './captureTraffic.ts';
import type { CreateAnswerHook } from './journalLostCreates.ts';
import type { RunLimits, SessionClaim } from './runLimits.ts';
import { timeExchanges } from './timeExchanges.ts';

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
  /**
   * false: retry only the retryable errors that are client faults (ThrottledClientException: refused before
   * any work), not the server faults (ServiceUnavailableException: it may have been done). For a create
   * whose repeat would make a second thing nothing removes (--provision's CreateVoiceConnector).
   */
  retryUnavailable?: boolean;
  /** Epoch ms after which a refused request is not retried (the run's deadline). */
  until?: number;
  /** Spoil the signature on purpose (the opt-in auth suite). */
  auth?: AuthMutation;
  /** Already signed by its maker (the official SDK's requests): sent as they are. */
  signed?: boolean;
}

/** What the client needs to know: credentials and region, and the limits of one request. */
export interface TransportSettings extends AuthSettings {
  timeoutMs: number;
  maxBodyBytes: number;
  /** Connections to keep open to the endpoint (default 8). */
  connections?: number;
  /**
   * The run was interrupted (first Ctrl-C, SIGTERM): requests in flight are aborted and no new one goes out,
   * except cleanup, so what the run created can still be deleted.
   */
  signal?: AbortSignal;
  /** The cleanup grace ended or a second Ctrl-C came: cleanup requests are aborted too. */
  cleanupSignal?: AbortSignal;
  /** Told of every create sent (SendOptions.creates) and its final answer: the run journals lost ones. */
  onCreateAnswer?: CreateAnswerHook;
  /** --record: told of every attempt sent and what came back, and of the credentials requests are signed with. */
  traffic?: TrafficCapture;
}

/** How far back a stale X-Amz-Date goes: well past the 5 to 15 minutes of skew AWS services allow. */
const STALE_MS = 60 * 60 * 1000;

/**
 * The one client every request of the tool goes through: the suites' cases and sequences, the preflight,
 * provisioning and every cleanup. Signing, the run's budgets and rate (when it has limits), retries of
 * throttled answers (spec /retry) and the connection pool are layers of it, in that order, in one place.
 */
export interface Transport {
  send(request: WireRequest, options?: SendOptions): Promise<WireResponse | TransportFailure | NotSent>;
  /** Throttled or unavailable answers that were retried (not judged). */
  readonly retries: number;
  close(): Promise<void>;
}

/** A client with a keep-alive pool; `limits`: the run's budgets and rate (none: the calls around a run). */
export function createTransport(model: OperationModel, settings: TransportSettings, limits?: RunLimits): Transport {
  const { traffic } = settings;
  // Every exchange in flight listens to the run's signal (sendRequest): more than Node's default of ten
  // at any concurrency over a few, which is no leak; without this Node prints a MaxListenersExceededWarning.
  for (const signal of [settings.signal, settings.cleanupSignal]) if (signal) setMaxListeners(0, signal);
  const pool = createDispatcher(settings.connections ?? 8);
  // Recording: the pool also times each exchange's phases (only then: it costs a handler per request).
  const timed = traffic ? timeExchanges(pool) : undefined;
  const dispatcher = timed?.dispatcher ?? pool;
  // Every raw request is SigV4-signed (spec /service/signingName); with auth 'none' the credentials are a
  // stand-in, so the emulator sees the same headers a real client sends.
  const sign = createSigner({ service: model.spec.service.signingName, region: settings.region, credentials: traffic ? revealedTo(traffic, awsCredentials(settings)) : awsCredentials(settings) });
  const refusedUnprocessed = new Set(model.spec.retry.errors.map((e) => model.spec.errors[e]).filter((e) => e?.fault === 'client').map((e) => e!.status));
  let retries = 0;

  const attempt = async (request: WireRequest, timeoutMs: number, o: SendOptions, n: number) => {
    await limits?.pace();
    // Signed per attempt: X-Amz-Date must be fresh on a retry.
    const signal = o.cleanup ? settings.cleanupSignal : settings.signal;
    const wire = o.signed ? request : await signAs(request, o.auth);
    const send = () => sendRequest(wire, { timeoutMs, maxBodyBytes: settings.maxBodyBytes, dispatcher, ...(signal ? { signal } : {}) });
    // A request the run stopped before it went out (sendRequest does not send it) is no exchange.
    if (!traffic || !timed || signal?.aborted) return send();
    const startedAt = Date.now();
    const { value: result, phases } = await timed.time(send);
    traffic.exchange({ request: wire, result, startedAt, ...(phases ? { phases } : {}), role: o.cleanup ? 'cleanup' : o.signed ? 'sdk-parses' : 'call', attempt: n + 1 });
    return result;
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
  const retryable = (result: WireResponse | TransportFailure, o: SendOptions) => isRetryable(model, result) && (o.retryUnavailable !== false || refusedUnprocessed.has((result as WireResponse).status));

  return {
    async send(request, override = {}) {
      if (override.creates && limits) {
        if (override.claim && override.claim.left > 0) override.claim.left--;
        else if (!limits.reserveSession(override.optional)) return { kind: 'not-sent', message: limits.exhausted ?? 'the session budget has no room for this optional create' };
      }
      let result: WireResponse | TransportFailure | NotSent = { kind: 'not-sent', message: 'not sent' };
      try {
        for (let n = 0; n < model.spec.retry.maxAttempts; n++) {
          if (limits && !override.cleanup && !limits.reserveRequest()) return (result = { kind: 'not-sent', message: limits.exhausted ?? 'budget spent' });
          result = await attempt(request, override.timeoutMs ?? settings.timeoutMs, override, n);
          const last = n === model.spec.retry.maxAttempts - 1 || (override.until !== undefined && Date.now() > override.until);
          if (!retryable(result, override) || last) return result;
          retries++;
          const stop = override.cleanup ? settings.cleanupSignal : settings.signal;
          await sleep(retryDelayMs(model, n, (result as WireResponse).headers['retry-after']), undefined, stop ? { signal: stop } : {}).catch(() => undefined);
          if (stop?.aborted) return result;
        }
        return result;
      } finally {
        if (override.creates) settings.onCreateAnswer?.(request, result);
        if (override.creates && limits) limits.settleSession(!('kind' in result) && result.status >= 200 && result.status < 300);
      }
    },
    get retries() {
      return retries;
    },
    close: () => pool.close().catch(() => undefined),
  };
}

/** The credentials, each told to the recording as it is resolved, so that no recording ever holds them. */
function revealedTo(traffic: TrafficCapture, credentials: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  return async (properties) => {
    const identity = await credentials(properties);
    traffic.secret(identity.secretAccessKey);
    traffic.secret(identity.sessionToken);
    return identity;
  };
}

/** Runs `use` with a client of its own (the calls around a run: no budget, no rate), closed afterwards. */
export async function withTransport<T>(model: OperationModel, settings: TransportSettings, use: (transport: Transport) => Promise<T>): Promise<T> {
  const transport = createTransport(model, settings);
  try {
    return await use(transport);
  } finally {
    await transport.close();
  }
}
