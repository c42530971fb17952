import type { RunOutcome, SequenceRun } from './types.ts';

/**
 * Claims room in the session budget for the `count` creates a sequence or probe may send (RunLimits
 * claimSessions) and keeps it on `run.claim`, so that it runs whole or not at all instead of stopping
 * halfway. Returns why it may not run when the room is not there; undefined when it may.
 */
export function claimCreates(run: SequenceRun, count: number): RunOutcome['stopped'] {
  const { limits } = run.runtime;
  const claim = limits.claimSessions(count);
  if (!claim) return { reason: 'budget', message: limits.exhausted ?? 'the session budget is spent' };
  run.claim = claim;
  return undefined;
}
