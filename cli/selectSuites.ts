import { DEFAULT_VOICE_CONNECTOR_ID } from '../emulator/index.ts';
import { echoed, UsageError } from '../src/errors.ts';
import type { OperationModel } from '../src/spec/index.ts';
import { suiteGroups } from '../engine/suiteGroups.ts';

/**
 * The suites a run executes: --suite as given (each checked), or all of them; with --family, only the
 * suites that hold that family. An unknown family is a usage error: otherwise every suite would filter
 * its cases down to none and a typo in a replay line would "pass" having sent nothing.
 */
export function selectSuites(model: OperationModel, suites: string[] | undefined, family: string | undefined, checks: string[] = []): string[] {
  for (const s of suites ?? []) {
    if (!suiteGroups.some((g) => g.id === s)) throw new UsageError(`--suite "${echoed(s)}" is not a suite; the suites are ${suiteGroups.map((g) => g.id).join(', ')}`);
  }
  // Opt-in suites (auth) run only when named: they need an endpoint that checks signatures. A --family
  // names its suite too, so a replay line of an auth failure needs no --checks auth.
  const named = (g: (typeof suiteGroups)[number]) => checks.includes(g.id) || (family !== undefined && family.startsWith(g.familyPrefix));
  const selected = suiteGroups.filter((g) => (suites === undefined ? !g.optIn || named(g) : suites.includes(g.id) || checks.includes(g.id)));
  if (family === undefined) return selected.map((g) => g.id);
  // The prefix narrows it to one suite; building that suite's families then proves the id exists.
  // Family ids do not depend on the connector, so any connector id builds the same list.
  const familyIds = (g: (typeof suiteGroups)[number]) => [...g.families(model, { voiceConnectorId: DEFAULT_VOICE_CONNECTOR_ID }).map((f) => f.id), ...(g.runner?.familyIds(model) ?? [])];
  const holding = selected.filter((g) => family.startsWith(g.familyPrefix) && familyIds(g).includes(family));
  if (holding.length === 0) {
    const where = suites === undefined ? 'any suite' : `suite ${suites.join(', ')}`;
    throw new UsageError(`--family "${echoed(family)}" is not a case family of ${where}; copy --family from a failure in a report (e.g. accept.random)`);
  }
  return holding.map((g) => g.id);
}
