import type { CheckFailure } from '../../checks/index.ts';
import { SequenceFailure } from './SequenceFailure.ts';

/** Ends the sequence when a check failed, so fast-check shrinks it (a command throws; see SequenceFailure). */
export function failIfAny(failures: readonly CheckFailure[]): void {
  if (failures.length > 0) throw new SequenceFailure([...failures]);
}
