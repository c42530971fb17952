import type { OperationModel } from '../../src/spec/index.ts';
import type { LifecycleCheck } from './types.ts';

/** Every check of the lifecycle suite, in report order; strengths of spec invariants are the spec's. */
const CHECKS: readonly LifecycleCheck[] = [
  { id: 'transport', title: 'every request gets a complete HTTP response in time', concern: 'transport', strength: 'required' },
  { id: 'status-code', title: "every call's status is its operation's success code or the expected error's", concern: 'status', strength: 'required' },
  { id: 'response-schema', title: "every success body matches its operation's output shape", concern: 'response-schema', strength: 'required' },
  { id: 'error-contract', title: 'error responses keep the AWS error contract', concern: 'error-contract', strength: 'required' },
  { id: 'error-name', title: 'the error is the one the spec names', concern: 'error-contract', strength: 'required' },
  { id: 'read-after-create', title: 'a created session reads back as created', concern: 'invariants', strength: 'required' },
  { id: 'list-complete', title: "every page of the list holds this run's open sessions and none it deleted", concern: 'invariants', strength: 'required' },
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
 * The lifecycle suite's checks with the strengths the spec gives its invariants (/invariants/*\/strength);
 * `strict` turns opt-in into required, as checksFor() does for the per-case checks.
 */
export function lifecycleChecks(model: OperationModel, options: { strict: boolean }): LifecycleCheck[] {
  return CHECKS.map((check) => {
    const spec = model.invariants[check.id];
    if (!spec) return check;
    return { ...check, strength: spec.strength === 'opt-in' && options.strict ? 'required' : spec.strength };
  });
}
