import { normalizeNumber } from '../_invariant.ts';
import type { Finding, ParticipantNumbers } from './types.ts';

/**
 * sticky-numbers (advisory, spec /invariants): with the sticky NumberSelectionBehavior, a pair that opens
 * a new session after closing one gets the same proxy numbers again, each participant their own.
 */
export function stickyNumbers(first: readonly ParticipantNumbers[], second: readonly ParticipantNumbers[]): Finding[] {
  const before = new Map(first.map((p) => [normalizeNumber(p.phone), p.proxy]));
  return second.flatMap((p, i): Finding[] => {
    const earlier = before.get(normalizeNumber(p.phone));
    if (earlier === undefined || normalizeNumber(earlier) === normalizeNumber(p.proxy)) return [];
    return [{ check: 'sticky-numbers', path: `body/ProxySession/Participants/${i}/ProxyPhoneNumber`, expected: earlier, actual: p.proxy, message: `participant ${p.phone} had proxy number ${earlier} in the closed session and got ${p.proxy} in the reopened one` }];
  });
}
