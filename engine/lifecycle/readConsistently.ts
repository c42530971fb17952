import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckFailure } from '../../checks/index.ts';
import { judgedFailures } from '../checkSelection.ts';
import type { SequenceRun } from './types.ts';

/**
 * A read judged against the model, repeated while it disagrees (spec /lifecycle/consistency): up to
 * `attempts` tries in all, `delayMs` apart and doubling up to `maxDelayMs`, because a real service may
 * show a write only after a while. Only the last try's calls stay in the sequence; the repeats are
 * counted on its first call and in the suite's total. `attempt` must not change the model: `apply`
 * commits what the last try read.
 */
export async function readConsistently(run: SequenceRun, attempt: () => Promise<{ failures: CheckFailure[]; apply?: () => void }>): Promise<CheckFailure[]> {
  const { attempts, delayMs, maxDelayMs } = run.runtime.consistency;
  const first = run.calls.length;
  let delay = delayMs;
  for (let n = 0; ; n++) {
    const tried = await attempt();
    // An excluded check's disagreement is no reason to read again (checkSelection.ts).
    const failures = judgedFailures(run.runtime.options.checkSelection, tried.failures);
    const { apply } = tried;
    if (failures.length === 0 || n === attempts - 1) {
      if (n > 0 && run.calls[first]) run.calls[first]!.consistencyRetries = n;
      apply?.();
      return failures;
    }
    run.calls.length = first;
    if (run.counted) run.runtime.stats.consistencyRetries++;
    await sleep(delay);
    delay = Math.min(maxDelayMs, delay * 2);
  }
}
