import type { OperationModel } from '../../src/spec/index.ts';
import { checksFor } from '../checksFor.ts';
import type { CheckInfo } from '../types.ts';

/** The sequence invariants of the lifecycle suite, in report order; strengths of spec invariants are the spec's. */
const SEQUENCE_CHECKS: readonly CheckInfo[] = [
  { id: 'read-after-create', title: 'a created session reads back as created', concern: 'invariants', strength: 'required' },
  { id: 'list-complete', title: "every page of the list holds this run's open sessions and none it deleted", concern: 'invariants', strength: 'required' },
  { id: 'page-size-respected', title: 'no page of the list holds more items than max-results asked for', concern: 'invariants', strength: 'required' },
  { id: 'pagination-ends', title: 'following NextToken through the list ends: no token comes back twice', concern: 'invariants', strength: 'required' },
  { id: 'update-reflected', title: 'an update shows in its answer and the next read', concern: 'invariants', strength: 'required' },
  { id: 'delete-then-not-found', title: 'a deleted session is gone', concern: 'invariants', strength: 'required' },
  { id: 'session-id-never-reused', title: "no session takes an earlier session's id", concern: 'invariants', strength: 'required' },
  { id: 'distinct-proxy-numbers', title: 'a participant gets a different proxy number in each open session', concern: 'cross-session', strength: 'required' },
  { id: 'expiry-closes-session', title: 'a session past its ExpiryMinutes is closed', concern: 'invariants', strength: 'required' },
  { id: 'sticky-numbers', title: 'PreferSticky gives a reopened pair the same proxy numbers', concern: 'invariants', strength: 'advisory' },
  { id: 'geo-match', title: 'proxy numbers match the GeoMatchParams', concern: 'invariants', strength: 'advisory' },
  { id: 'default-expiry', title: "a session without ExpiryMinutes gets the connector's default", concern: 'invariants', strength: 'advisory' },
];

/**
 * The lifecycle suite's checks: every per-call check (checksFor: each call of a sequence is judged as a
 * case's request is), then the sequence invariants, each id once, with the strengths the spec gives its
 * invariants (/invariants/*\/strength); `strict` turns opt-in into required.
 */
export function lifecycleChecks(model: OperationModel, options: { strict: boolean }): CheckInfo[] {
  const perCall = checksFor(model, options).map(({ id, title, concern, strength }) => ({ id, title, concern, strength }));
  const sequence = SEQUENCE_CHECKS.filter((check) => !perCall.some((c) => c.id === check.id)).map((check) => {
    const spec = model.invariants[check.id];
    if (!spec) return check;
    return { ...check, strength: spec.strength === 'opt-in' && options.strict ? 'required' : spec.strength };
  });
  return [...perCall, ...sequence];
}
