import type { Fault, ProxySessionBody } from './faultHooks.ts';
import type { FaultName } from './faults.ts';
import { participantKey } from './participantKey.ts';
import { proxyNumberPool } from './proxyNumberPool.ts';

/**
 * The faults of the session lifecycle and the connector's proxy set-up (descriptions in
 * faults.ts). Each breaks one operation in one way, so the lifecycle invariants (spec /invariants) can be
 * shown to catch it. Operation names are the spec's /operations keys.
 */
export const LIFECYCLE_FAULTS = {
  'session-not-persisted': () => ({ persistsSessions: false }),
  'get-wrong-participants': (model) => {
    const pool = proxyNumberPool(model);
    return { readSession: (s) => withSecondParticipantReplaced(s, pool) };
  },
  // The second delete of a session does delete it, so a client that retries its cleanup still leaves the
  // endpoint clean: the fault is a Delete that claims success without effect, not a session that can never go.
  'delete-noop': () => {
    const spared = new WeakSet<object>();
    return { deletes: (session) => spared.has(session) || (spared.add(session), false) };
  },
  'list-missing-session': () => ({ hidesNewestSession: true }),
  'list-ignores-max-results': (model) => {
    // Every page is as long as the page-size member's @range admits (ResultMax: 100), whatever was asked.
    const list = model.operation('ListProxySessions');
    const member = list.paging ? list.queryMembers[list.paging.pageSize] : undefined;
    const shape = member === undefined ? undefined : list.shape(member.target);
    const max = shape?.type === 'integer' ? shape.range?.max : undefined;
    if (max === undefined) throw new Error('the spec gives ListProxySessions no page-size member with a maximum for list-ignores-max-results');
    return { listPageSize: () => max };
  },
  'list-token-forever': () => ({ endlessPaging: true }),
  'update-ignored': () => ({ updatesSessions: false }),
  'update-200': () => ({ success: (r, operation) => (operation === 'UpdateProxySession' ? { ...r, status: 200 } : r) }),
  'delete-200': () => ({
    success: (r, operation) => (operation === 'DeleteProxySession' ? { status: 200, headers: { ...r.headers, 'content-type': 'application/json' }, body: '{}' } : r),
  }),
  'expired-still-open': () => ({ expiresSessions: false }),
  'session-id-reused': () => ({ reusesDeletedIds: true }),
  'unknown-session-400': () => ({ onUnknownSession: 'bad-request' }),
  'update-accepts-missing-capabilities': () => ({
    ignoresViolation: (v, operation) => operation === 'UpdateProxySession' && v.path === '/Capabilities' && v.keyword === 'required',
  }),
  'list-accepts-bad-max-results': (model) => {
    // The page-size member is the one spec /operations/ListProxySessions/paging names (MaxResults).
    const list = model.operation('ListProxySessions');
    const path = `/${list.paging?.pageSize ?? ''}`;
    return { ignoresViolation: (v, operation) => operation === list.name && v.path === path && (v.keyword === 'minimum' || v.keyword === 'maximum') };
  },
  'list-accepts-unknown-status': (model) => {
    // The query member of ListProxySessions whose shape is an enum (Status).
    const list = model.operation('ListProxySessions');
    const member = Object.entries(list.queryMembers).find(([, m]) => list.shape(m.target).type === 'enum')?.[0];
    return { ignoresViolation: (v, operation) => operation === list.name && v.path === `/${member ?? ''}` && v.keyword === 'enum' };
  },
  'sticky-ignored': () => ({ honoursSticky: false }),
  'geo-ignored': () => ({ honoursGeo: false }),
  'default-expiry-ignored': (model) => {
    // The documented usage threshold of ExpiryMinutes: the `above` of its unspecified case (expiry-above-720).
    const threshold = Object.values(model.unspecified).find((c) => c.member === 'ExpiryMinutes' && c.above !== undefined)?.above;
    if (threshold === undefined) throw new Error('the spec has no ExpiryMinutes threshold (an unspecified case with `above`) for default-expiry-ignored');
    return { defaultExpiryMinutes: () => threshold };
  },
} satisfies Partial<Record<FaultName, Fault>>;

/** The session with its second participant's PhoneNumber swapped for a pool number neither participant has. */
function withSecondParticipantReplaced(session: ProxySessionBody, pool: readonly string[]): ProxySessionBody {
  if (!Array.isArray(session.Participants) || session.Participants.length < 2) return session;
  const participants = session.Participants as Array<Record<string, unknown>>;
  const own = new Set(participants.map((p) => participantKey(p.PhoneNumber)));
  const other = pool.find((n) => !own.has(participantKey(n)));
  if (other === undefined) return session;
  return { ...session, Participants: participants.map((p, i) => (i === 1 ? { ...p, PhoneNumber: other } : p)) };
}
