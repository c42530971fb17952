import type { NotSent, TransportFailure, WireResponse } from './types.ts';

/**
 * The ProxySessionId a create's answer names, if it created one: from a 2xx JSON body, or, when the body
 * was too large to read or was cut short after a 2xx status (a reset, fewer bytes than its Content-Length,
 * a body timeout), from the bytes that were read (the session exists either way and must be deleted).
 */
export function createdSessionId(result: WireResponse | TransportFailure | NotSent | undefined): string | undefined {
  if (!result) return undefined;
  if ('kind' in result) {
    if (result.kind === 'not-sent') return undefined;
    const success = result.status !== undefined && result.status >= 200 && result.status <= 299;
    if (result.kind !== 'too-large' && !success) return undefined;
    return /"ProxySessionId"\s*:\s*"([^"\\]{1,128})"/.exec(result.partialBody ?? '')?.[1];
  }
  if (result.status < 200 || result.status > 299) return undefined;
  const id = (result.json as { ProxySession?: { ProxySessionId?: unknown } } | undefined)?.ProxySession?.ProxySessionId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
