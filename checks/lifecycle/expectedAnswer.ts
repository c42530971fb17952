import type { ConstraintKind, OperationModel } from '../../src/spec/index.ts';
import type { ExpectedAnswer } from './types.ts';

/**
 * What the oracle expects of a lifecycle call (spec /oracle), never written per test: the operation's own
 * success code (spec /operations/<name>/http/code); for an id no session of this run has, or one it
 * deleted, /oracle/unknownProxySession; for input that breaks a constraint trait, /oracle/constraintViolation.
 */
export function expectedAnswer(operation: OperationModel, outcome: 'success' | 'unknown-session' | { violates: ConstraintKind; what: string }): ExpectedAnswer {
  const oracle = operation.spec.oracle;
  if (outcome === 'success') return { kind: 'success', status: operation.http.code };
  if (outcome === 'unknown-session') {
    return { kind: 'error', status: oracle.unknownProxySession.status, error: oracle.unknownProxySession.error, why: 'no session has that ProxySessionId (never created, or deleted)' };
  }
  if (!oracle.constraintViolation.constraints.includes(outcome.violates)) throw new Error(`spec /oracle/constraintViolation does not cover ${outcome.violates}`);
  return { kind: 'error', status: oracle.constraintViolation.status, error: oracle.constraintViolation.error, why: `${outcome.what} breaks its ${outcome.violates} trait` };
}
