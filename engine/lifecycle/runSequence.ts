import fc from 'fast-check';
import type { LifecycleSequence } from '../../generators/index.ts';
import { claimCreates } from './claimCreates.ts';
import { deleteCreated } from './deleteCreated.ts';
import { lifecycleCommand } from './lifecycleCommand.ts';
import { SequenceFailure } from './SequenceFailure.ts';
import { SequenceStopped } from './SequenceStopped.ts';
import type { LifecycleRuntime, LifecycleState, RunOutcome, SequenceRun } from './types.ts';

/**
 * Runs one lifecycle sequence with fc.asyncModelRun: each step's command checks that it applies to the
 * model, calls the endpoint, judges the answer against the model and updates it; the first failing check
 * ends the sequence (the command throws). Whatever happens, every session it created is deleted after.
 * `counted`: whether its requests count in the suite's statistics (not while shrinking).
 */
export async function runSequence(runtime: LifecycleRuntime, sequence: LifecycleSequence, counted: boolean): Promise<RunOutcome> {
  const state: LifecycleState = { pool: sequence.pool, sessions: [], expirySlackMs: runtime.model.spec.lifecycle.expired.slackSeconds * 1000 };
  const run: SequenceRun = { runtime, calls: [], looked: new Set(), created: new Map(), counted };
  const outcome: RunOutcome = { calls: run.calls, looked: run.looked, failures: [] };
  const claimed = claimCreates(run, sequence.actions.filter((a) => a.kind === 'create').length);
  if (claimed) return { ...outcome, stopped: claimed };
  try {
    await fc.asyncModelRun(() => ({ model: state, real: run }), sequence.actions.map(lifecycleCommand));
  } catch (error) {
    if (error instanceof SequenceFailure) outcome.failures = error.failures;
    else if (error instanceof SequenceStopped) outcome.stopped = { reason: error.reason, message: error.message };
    else throw error;
  } finally {
    runtime.limits.releaseClaim(run.claim!);
    await deleteCreated(run);
  }
  return outcome;
}
