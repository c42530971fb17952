import type { CheckFailure, Finding } from '../../checks/index.ts';

/** Findings of the call at `step` (0-based) of a sequence. */
export function placeAt(step: number, findings: readonly Finding[]): CheckFailure[] {
  return findings.map((f) => ({ ...f, step }));
}
