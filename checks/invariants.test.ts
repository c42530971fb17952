import { describe, expect, it } from 'vitest';
import { defaultOperation } from '../src/spec/index.ts';
import { sessionIdUnique } from './invariants.ts';
import type { CheckState, Exchange } from './types.ts';

/** A must-accept create whose answer names session `id`, answered at `receivedAt`, its delete sent at `deletedAt`. */
function created(id: string, receivedAt: number, deletedAt?: number): Exchange {
  const session = { ProxySessionId: id, Status: 'Open' };
  return {
    step: { kind: 'accept', labels: { VoiceConnectorId: 'c' }, body: {} },
    request: { method: 'POST', url: 'http://127.0.0.1/', headers: {} },
    response: { status: 201, headers: {}, bodyText: JSON.stringify({ ProxySession: session }), json: { ProxySession: session }, elapsedMs: 1 },
    sentAt: receivedAt - 1,
    receivedAt,
    ...(deletedAt !== undefined ? { deletedAt } : {}),
  };
}

describe('session-id-unique', () => {
  const model = defaultOperation();
  const judge = (state: CheckState, ex: Exchange) => sessionIdUnique.run({ model, state, options: { strict: false }, run: { case: { family: 'f', steps: [ex.step] }, exchanges: [ex] } });

  it('an id handed on after the first session’s delete was sent is no clash (the delete’s answer may still be on its way)', () => {
    const state: CheckState = { seenSessionIds: new Map() };
    expect(judge(state, created('s1', 100, 200))).toEqual([]);
    expect(judge(state, created('s1', 201))).toEqual([]);
  });

  it('two sessions that certainly existed at the same time with one id fail it', () => {
    const state: CheckState = { seenSessionIds: new Map() };
    expect(judge(state, created('s1', 100, 200))).toEqual([]);
    expect(judge(state, created('s1', 150))).toHaveLength(1);
  });
});
