import type { LifecycleFamily, LifecycleScenario } from '../../generators/index.ts';
import { defaultExpiryScenario } from './defaultExpiryScenario.ts';
import { judgedFailures } from '../checkSelection.ts';
import { claimCreates } from './claimCreates.ts';
import { deleteCreated } from './deleteCreated.ts';
import { expiryScenario } from './expiryScenario.ts';
import { geoScenario } from './geoScenario.ts';
import { pagingScenario } from './pagingScenario.ts';
import { SequenceStopped } from './SequenceStopped.ts';
import { stickyScenario } from './stickyScenario.ts';
import type { LifecycleRuntime, RunOutcome, SequenceRun } from './types.ts';

const SCENARIOS = { expiry: expiryScenario, 'sticky-numbers': stickyScenario, 'geo-match': geoScenario, 'default-expiry': defaultExpiryScenario, paging: pagingScenario } as const;

/** Runs one lifecycle probe (the expiry and advisory scenarios); every session it created is deleted after. */
export async function runScenario(runtime: LifecycleRuntime, family: Extract<LifecycleFamily, { kind: 'scenario' }>, scenario: LifecycleScenario): Promise<RunOutcome> {
  const run: SequenceRun = { runtime, calls: [], looked: new Set(), created: new Map(), counted: true };
  // Each body is at most one create.
  const claimed = claimCreates(run, scenario.bodies.length);
  if (claimed) return { calls: run.calls, looked: run.looked, failures: [], stopped: claimed };
  try {
    const result = await SCENARIOS[family.scenario](run, scenario);
    const failures = judgedFailures(runtime.options.checkSelection, result.failures ?? []);
    return { calls: run.calls, looked: run.looked, failures, ...(result.unjudged ? { unjudged: result.unjudged } : {}) };
  } catch (error) {
    if (!(error instanceof SequenceStopped)) throw error;
    return { calls: run.calls, looked: run.looked, failures: [], stopped: { reason: error.reason, message: error.message } };
  } finally {
    runtime.limits.releaseClaim(run.claim!);
    await deleteCreated(run);
  }
}
