import { describe, expect, it } from 'vitest';
import { createdSessionId } from './createdSessionId.ts';
import type { TransportFailure } from './types.ts';

/** A create's answer names the session it made, also when the body did not arrive whole (nothing left behind). */
describe('createdSessionId', () => {
  const body = '{"ProxySession":{"VoiceConnectorId":"vc1","ProxySessionId":"ps-1","Status":"Open","Participa';
  const cut = (kind: TransportFailure['kind'], status?: number): TransportFailure => ({ kind, message: 'cut', elapsedMs: 1, ...(status !== undefined ? { status } : {}), partialBody: body });

  it('reads it from a whole 2xx answer, not from an error', () => {
    const json = { ProxySession: { ProxySessionId: 'ps-1' } };
    expect(createdSessionId({ status: 201, headers: {}, bodyText: JSON.stringify(json), json, elapsedMs: 1 })).toBe('ps-1');
    expect(createdSessionId({ status: 400, headers: {}, bodyText: JSON.stringify(json), json, elapsedMs: 1 })).toBeUndefined();
  });

  it('reads it from the bytes of a 2xx answer cut short: reset, short of its Content-Length, too large, too slow', () => {
    for (const kind of ['reset', 'timeout', 'too-large'] as const) expect(createdSessionId(cut(kind, 201)), kind).toBe('ps-1');
  });

  it('not from the bytes of an error answer cut short, nor without any status', () => {
    expect(createdSessionId(cut('reset', 500))).toBeUndefined();
    expect(createdSessionId(cut('reset'))).toBeUndefined();
    expect(createdSessionId({ kind: 'not-sent', message: 'budget' })).toBeUndefined();
  });
});
