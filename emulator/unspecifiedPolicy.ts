import type { UnspecifiedCaseSpec } from '../src/spec/index.ts';
import type { Variant } from './variants.ts';

/**
 * The cases (spec /oracle/unspecified ids) the `mixed` policy rejects with a 400. All are requests a
 * careful server would refuse: a session with no capability can carry nothing, a session between a
 * number and itself has no one to proxy for, and a default expiry below one minute would give every
 * session created without ExpiryMinutes one no session may have. Every other case is accepted: duplicate
 * capabilities are de-duplicated, long expiries, empty geo strings and an empty pool country are taken
 * as sent, null optionals are absent, and a connector id off botocore's stricter pattern is looked up
 * like any other (so usually 404).
 */
const MIXED_REJECTS: ReadonlySet<string> = new Set(['capabilities-empty', 'participants-identical', 'default-expiry-not-positive']);

/** Whether the emulator accepts or rejects (400) an input in the given unspecified case. */
export function unspecifiedPolicy(policy: Variant['unspecified'], c: UnspecifiedCaseSpec): 'accept' | 'reject' {
  if (policy === 'mixed') return MIXED_REJECTS.has(c.id) ? 'reject' : 'accept';
  return policy;
}
