import { ChimeSDKVoiceServiceException } from '@aws-sdk/client-chime-sdk-voice';
import type { TransportFailureKind, WireResponse } from '../protocol/index.ts';
import type { SdkError, SdkFailure } from './types.ts';

/**
 * The outcome of a command that threw. A service exception (modelled, or the service's base exception for
 * a name the SDK does not model) is an `error`; anything else (a body it could not deserialise, a
 * transport failure) is a `failure`. `wire` is the complete response behind it, when there was one: a
 * 2xx to a create (`creates`) that the SDK could not parse still created a session, which must be deleted.
 */
export function outcomeOfError(error: unknown, wire: WireResponse | undefined, creates: boolean): SdkError | SdkFailure {
  const e = (error ?? {}) as { name?: unknown; message?: unknown; $fault?: unknown; $metadata?: { httpStatusCode?: number }; transport?: TransportFailureKind };
  const status = e.$metadata?.httpStatusCode ?? wire?.status;
  const base = {
    name: typeof e.name === 'string' ? e.name : 'Error',
    // The SDK appends "Deserialization error: to see the raw response, inspect ... $response" on a new line.
    message: (typeof e.message === 'string' ? e.message : String(error)).split('\n')[0]!.trim(),
    ...(status !== undefined ? { httpStatusCode: status } : {}),
    ...(creates ? createdId(wire) : {}),
  };
  if (error instanceof ChimeSDKVoiceServiceException) return { kind: 'error', ...base, ...(typeof e.$fault === 'string' ? { fault: e.$fault } : {}) };
  return { kind: 'failure', ...base, ...(e.transport ? { transport: e.transport } : {}) };
}

function createdId(wire: WireResponse | undefined): { createdSessionId?: string } {
  if (!wire || wire.status < 200 || wire.status > 299) return {};
  const id = (wire.json as { ProxySession?: { ProxySessionId?: unknown } } | undefined)?.ProxySession?.ProxySessionId;
  return typeof id === 'string' && id !== '' ? { createdSessionId: id } : {};
}
