import type { LifecycleSpec } from '../../src/spec/index.ts';
import { sessionOfAnswer } from './sessionOfAnswer.ts';
import type { Exchange } from '../types.ts';
import type { Finding } from './types.ts';

/**
 * expiry-closes-session (spec /invariants, /lifecycle/expired): a session read after its ExpiryMinutes have
 * passed has the expired status and carries the member that says when it ended. Only judged where the
 * suite can move the endpoint's clock.
 */
export function expiryClosesSession(id: string, exchange: Exchange, expired: LifecycleSpec['expired']): Finding[] {
  const found = sessionOfAnswer(exchange);
  if (!found) return [];
  const out: Finding[] = [];
  if (found.Status !== expired.status) {
    out.push({ check: 'expiry-closes-session', path: 'body/ProxySession/Status', expected: expired.status, actual: found.Status, message: `session ${id} is past its ExpiryMinutes but has Status ${String(found.Status)}` });
  }
  if (found[expired.endedMember] === undefined || found[expired.endedMember] === null) {
    out.push({ check: 'expiry-closes-session', path: `body/ProxySession/${expired.endedMember}`, expected: 'present', actual: '(absent)', message: `session ${id} is past its ExpiryMinutes but has no ${expired.endedMember}` });
  }
  return out;
}

/** expiry-closes-session for a list filtered by the expired status: the expired session is in it. */
export function expiredListed(id: string, listed: ReadonlySet<string>, complete: boolean, expired: LifecycleSpec['expired']): Finding[] {
  if (!complete || listed.has(id)) return [];
  return [{ check: 'expiry-closes-session', path: 'body/ProxySessions', expected: id, actual: 'not listed', message: `ListProxySessions with status ${expired.status} leaves out session ${id}, which is past its ExpiryMinutes` }];
}
