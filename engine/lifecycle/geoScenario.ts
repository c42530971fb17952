import type { LifecycleScenario } from '../../generators/index.ts';
import { geoMatch, type CheckFailure } from '../../checks/index.ts';
import { createForScenario } from './createForScenario.ts';
import { placeAt } from './placeAt.ts';
import type { RunOutcome, SequenceRun } from './types.ts';

/** geo-match (advisory): one session per GeoMatchLevel with GeoMatchParams; its proxy numbers should be in that country or area code. */
export async function geoScenario(run: SequenceRun, scenario: LifecycleScenario): Promise<Partial<RunOutcome>> {
  const failures: CheckFailure[] = [];
  for (const body of scenario.bodies) {
    const created = await createForScenario(run, scenario.participants, body);
    if (!created.id || created.failures.length > 0) return { failures: [...failures, ...created.failures] };
    run.looked.add('geo-match');
    const params = (body.GeoMatchParams ?? {}) as { Country?: unknown; AreaCode?: unknown };
    failures.push(...placeAt(run.calls.length - 1, geoMatch(created.participants, String(body.GeoMatchLevel), params, run.runtime.model.spec.lifecycle.geoMatch)));
  }
  return { failures };
}
