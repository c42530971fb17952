import { routeOf } from '../_invariant.ts';
import type { Finding, ParticipantNumbers, TrackedSession } from './types.ts';

/**
 * distinct-proxy-numbers (spec /invariants) between a new session and the sessions this run has open: the
 * rule of checks/distinctProxyNumbers.ts. Only ambiguity counts: the same participant and proxy number
 * leading to a different other party, so a call to that proxy number could not be routed. The same pair
 * in two sessions may share numbers (a PreferSticky server may do that).
 */
export function distinctProxyNumbersAmong(id: string, participants: readonly ParticipantNumbers[], open: readonly TrackedSession[]): Finding[] {
  const out: Finding[] = [];
  participants.forEach((p, i) => {
    const route = routeOf(participants, i);
    for (const session of open) {
      const clash = session.participants.some((_, j) => {
        const theirs = routeOf(session.participants, j);
        return theirs.key === route.key && theirs.other !== route.other;
      });
      if (!clash) continue;
      out.push({
        check: 'distinct-proxy-numbers',
        path: `body/ProxySession/Participants/${i}/ProxyPhoneNumber`,
        expected: `a proxy number other than ${p.proxy}`,
        actual: p.proxy,
        message: `participant ${p.phone} got proxy number ${p.proxy} in session ${id} and in open session ${session.id}, with another party: a call to ${p.proxy} could not be routed`,
      });
      break;
    }
  });
  return out;
}
