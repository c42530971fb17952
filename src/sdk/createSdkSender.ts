import { ChimeSDKVoiceClient } from '@aws-sdk/client-chime-sdk-voice';
import { awsCredentials, createDispatcher, sendRequest } from '../protocol/index.ts';
import { sendViaSdk } from './sendViaSdk.ts';
import type { SdkOperation, SdkSender, SdkSettings, WireSend } from './types.ts';
import { wireHandler } from './wireHandler.ts';

/**
 * One ChimeSDKVoiceClient for a suite run: the run's endpoint, region and credentials (the AWS provider
 * chain, as for raw requests), one attempt per command (retrying throttled answers is the suite
 * transport's job), and a request handler that moves the SDK's signed requests over `send`.
 *
 * Pass the suite transport's send so SDK requests count against the run's budgets and rate limit and get
 * the same timeouts and body limit as raw ones. Without it, requests go out over a private keep-alive
 * pool with `settings.timeoutMs` and `settings.maxBodyBytes`.
 */
export function createSdkSender(operation: SdkOperation, settings: SdkSettings, send?: WireSend): SdkSender {
  const dispatcher = send ? undefined : createDispatcher(4);
  const wire: WireSend = send ?? ((request, o) => sendRequest(request, { timeoutMs: o.timeoutMs ?? settings.timeoutMs, maxBodyBytes: settings.maxBodyBytes, dispatcher }));
  const handler = wireHandler(wire);
  const client = new ChimeSDKVoiceClient({
    endpoint: settings.endpoint,
    region: settings.region,
    credentials: awsCredentials(settings),
    maxAttempts: 1,
    requestHandler: handler,
    // One middleware stack for every call instead of one built per call (the client's own cache).
    cacheMiddleware: true,
  });
  return {
    send: (step, options) => sendViaSdk(client, handler, operation, step, options),
    destroy: async () => {
      client.destroy();
      await dispatcher?.close().catch(() => undefined);
    },
  };
}
