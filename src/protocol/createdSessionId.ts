import type { NotSent, TransportFailure, WireResponse } from './types.ts';

/**
 * The ProxySessionId a create's answer names, if it created one: from a 2xx JSON body, or, when the body
 * was too large to read, from the bytes that were read (the session exists either way and must be deleted).
 */
export function createdSessionId(result: WireResponse | TransportFailure | NotSent | undefined): string | undefined {
  if (!result) return undefined;
  if ('kind' in result) {
    if (result.kind !== 'too-large') return undefined;
    return /"ProxySessionId"\s*:\s*"([^"\\]{1,128})"/.exec(result.partialBody ?? '')?.[1];
  }
  if (result.status < 200 || result.status > 299) return undefined;
  const id = (result.json as { ProxySession?: { ProxySessionId?: unknown } } | undefined)?.ProxySession?.ProxySessionId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
