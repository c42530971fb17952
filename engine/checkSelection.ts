import type { CheckFailure } from '../checks/index.ts';

/**
 * Which checks a run judges: --exclude-check ids are not judged, and with --include-check only the listed
 * ones are (an id in both is excluded). A check that is not judged is still reported, as excluded and why,
 * so a gate that turned a check off says so in every report instead of dropping it from sight.
 */
export interface CheckSelection {
  exclude?: readonly string[];
  include?: readonly string[];
}

/** Why check `id` is not judged in this run, or undefined when it is. */
export function excludedBecause(selection: CheckSelection | undefined, id: string): string | undefined {
  if (selection?.exclude?.includes(id)) return 'excluded by --exclude-check';
  if (selection?.include !== undefined && selection.include.length > 0 && !selection.include.includes(id)) return 'not listed by --include-check';
  return undefined;
}

/** The failures of the checks the run judges; those of excluded checks are dropped before anything counts them. */
export function judgedFailures<F extends Pick<CheckFailure, 'check'>>(selection: CheckSelection | undefined, failures: readonly F[]): F[] {
  if (!selection) return [...failures];
  return failures.filter((f) => excludedBecause(selection, f.check) === undefined);
}
