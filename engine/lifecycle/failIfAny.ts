import type { CheckFailure } from '../../checks/index.ts';
import { judgedFailures } from '../checkSelection.ts';
import { SequenceFailure } from './SequenceFailure.ts';
import type { SequenceRun } from './types.ts';

/**
 * Ends the sequence when a check the run judges failed, so fast-check shrinks it (a command throws; see
 * SequenceFailure). A failure of an excluded check (--exclude-check) is dropped here, so the sequence goes
 * on and the checks that are judged still see every call.
 */
export function failIfAny(run: SequenceRun, failures: readonly CheckFailure[]): void {
  const judged = judgedFailures(run.runtime.options.checkSelection, failures);
  if (judged.length > 0) throw new SequenceFailure(judged);
}
