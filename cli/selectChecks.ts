import { lifecycleChecks } from '../checks/index.ts';
import type { CheckSelection } from '../engine/checkSelection.ts';
import { echoed, UsageError } from '../src/errors.ts';
import type { OperationModel } from '../src/spec/index.ts';

/**
 * The checks a run judges, from --exclude-check and --include-check, each id checked against every check
 * the run knows (the per-call checks and the lifecycle's sequence invariants). An unknown id is a usage
 * error listing them: a typo would otherwise exclude nothing, or include nothing and let every check go.
 */
export function selectChecks(model: OperationModel, exclude: readonly string[] | undefined, include: readonly string[] | undefined): CheckSelection | undefined {
  // lifecycleChecks lists every per-call check first, then the sequence invariants: every id once.
  const known = lifecycleChecks(model, { strict: false }).map((c) => c.id);
  for (const [flag, ids] of [['--exclude-check', exclude], ['--include-check', include]] as const) {
    for (const id of ids ?? []) {
      if (!known.includes(id)) throw new UsageError(`${flag} "${echoed(id)}" is not a check; the checks are ${known.join(', ')}`);
    }
  }
  if (!exclude?.length && !include?.length) return undefined;
  return { ...(exclude?.length ? { exclude: [...exclude] } : {}), ...(include?.length ? { include: [...include] } : {}) };
}
