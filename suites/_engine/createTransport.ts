import { awsCredentials, createDispatcher, createSigner, sendRequest, type TransportFailure, type WireRequest, type WireResponse } from '../../src/protocol/index.ts';
import type { OperationModel } from '../../src/spec/index.ts';
import type { RunOptions } from './types.ts';

/** What a suite sends through: one place for connection pooling (and, as they come, signing, rate limits, retries and budgets). */
export interface Transport {
  send(request: WireRequest, options?: { timeoutMs?: number }): Promise<WireResponse | TransportFailure>;
  close(): Promise<void>;
}

/** The transport of one suite run: a keep-alive pool sized for --concurrency, with the run's limits. */
export function createTransport(model: OperationModel, options: RunOptions): Transport {
  const dispatcher = createDispatcher(options.concurrency);
  // Every raw request is SigV4-signed (spec /service/signingName); with auth 'none' the credentials are a
  // stand-in, so the emulator sees the same headers a real client sends.
  const sign = createSigner({ service: model.spec.service.signingName, region: options.region, credentials: awsCredentials(options) });
  return {
    send: async (request, override) =>
      sendRequest(await sign(request), { timeoutMs: override?.timeoutMs ?? options.timeoutMs, maxBodyBytes: options.maxBodyBytes, dispatcher }),
    close: () => dispatcher.close().catch(() => undefined),
  };
}
