import { setTimeout as sleep } from 'node:timers/promises';
import { awsCredentials, createSigner, isRetryable, retryDelayMs, sendRequest, type AuthSettings, type WireRequest, type WireResponse } from '../src/protocol/index.ts';
import type { OperationModel } from '../src/spec/index.ts';

/** Sends one request the way the CLI's own set-up and clean-up calls do (see signedSender). */
export type SignedSender = (request: WireRequest, options?: { retryUnavailable?: boolean }) => ReturnType<typeof sendRequest>;

/**
 * Signs and sends, retrying throttled and unavailable answers as the suites do (spec /retry); with
 * `retryUnavailable: false` only the client-fault ones (ThrottledClientException: the request was refused
 * before any work), not the server-fault ones (ServiceUnavailableException: it may have been done). For
 * the calls around a run (provisioning, clean-up), which no budget or rate limit of the run applies to.
 */
export function signedSender(model: OperationModel, settings: AuthSettings & { timeoutMs: number; maxBodyBytes: number }): SignedSender {
  const sign = createSigner({ service: model.spec.service.signingName, region: settings.region, credentials: awsCredentials(settings) });
  const refusedUnprocessed = new Set(model.spec.retry.errors.map((e) => model.spec.errors[e]).filter((e) => e?.fault === 'client').map((e) => e!.status));
  return async (request, options = {}) => {
    for (let attempt = 0; ; attempt++) {
      const result = await sendRequest(await sign(request), { timeoutMs: settings.timeoutMs, maxBodyBytes: settings.maxBodyBytes });
      const retry = isRetryable(model, result) && (options.retryUnavailable !== false || refusedUnprocessed.has((result as WireResponse).status));
      if (!retry || attempt === model.spec.retry.maxAttempts - 1) return result;
      await sleep(retryDelayMs(model, attempt, (result as WireResponse).headers['retry-after']));
    }
  };
}
