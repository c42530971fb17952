import fc from 'fast-check';
import type { LifecycleSequence } from '../../generators/index.ts';
import { runSequence } from './runSequence.ts';
import type { LifecycleRuntime, RunOutcome } from './types.ts';
import { valueAtPath } from './valueAtPath.ts';

/** Sequences a shrink may run for one failure; the smallest failing sequence found by then is reported. */
const SHRINK_BUDGET = 100;

/**
 * Shrinks a failing sequence for some checks: fast-check runs the failing sequence again from its seed and
 * index, then ever smaller ones (each run against the endpoint, each one's sessions deleted after), keeping
 * those in which one of `checks` still fails (one defect often fails two checks: one shrink serves both).
 * Candidates are read once, without the eventual-consistency repeats (spec /lifecycle/consistency), which
 * would cost seconds per failing candidate; the shrunk sequence is then replayed with them, and only a
 * replay that still fails is reported as shrunk (else the original failure is). The shrunk sequence is then replayed from seed and path alone, as a
 * replay line would, and that replay's calls are what the report shows. A sequence that no longer fails
 * (a flaky or state-dependent failure) is reported as found.
 */
export async function shrinkSequence(
  runtime: LifecycleRuntime,
  arbitrary: fc.Arbitrary<LifecycleSequence>,
  seed: number,
  index: number,
  checks: ReadonlySet<string>,
  original: RunOutcome,
): Promise<{ path: string; outcome: RunOutcome; shrunk: boolean; value?: LifecycleSequence }> {
  const found = { path: String(index), outcome: original, shrunk: false };
  // A hang costs a whole timeout per try: report it as found instead of shrinking it.
  if (original.failures.some((f) => checks.has(f.check) && f.check === 'transport' && f.actual === 'timeout')) return found;
  const fails = (outcome: RunOutcome) => !outcome.stopped && outcome.failures.some((f) => checks.has(f.check));
  let budget = SHRINK_BUDGET;
  const quick: LifecycleRuntime = { ...runtime, consistency: { ...runtime.consistency, attempts: 1 } };
  const property = fc.asyncProperty(arbitrary, async (sequence) => {
    if (budget-- <= 0 || Date.now() > runtime.options.deadline || runtime.limits.outOfTime()) return true;
    return !fails(await runSequence(quick, sequence, false));
  });
  const details = await fc.check(property, { seed, path: String(index), numRuns: 1 });
  if (!details.failed || details.counterexamplePath === null) return found;
  const path = details.counterexamplePath;
  const value = valueAtPath(arbitrary, seed, path);
  const replayed = value ? await runSequence(runtime, value, false) : undefined;
  return replayed && fails(replayed) ? { path, outcome: replayed, shrunk: true, value: value! } : found;
}
