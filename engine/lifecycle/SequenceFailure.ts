import type { CheckFailure } from '../../checks/index.ts';

/**
 * Thrown by a lifecycle command whose call a check failed: fast-check (fc.asyncModelRun) then stops the
 * sequence and shrinks it. Carries the failures, each placed at its call.
 */
export class SequenceFailure extends Error {
  constructor(readonly failures: CheckFailure[]) {
    super(failures.map((f) => `${f.check}: ${f.message}`).join('; '));
    this.name = 'SequenceFailure';
  }
}
