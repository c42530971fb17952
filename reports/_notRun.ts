import type { SuiteSummary } from '../src/model/report.ts';

/**
 * @internal The families of a suite that did not run at all (FamilySummary.notRun: they change voice
 * connectors, and the run may not), grouped by why, as one line each: `14 families not run: why`.
 */
export function notRunLines(suite: SuiteSummary): string[] {
  const byReason = new Map<string, number>();
  for (const f of suite.families ?? []) if (f.notRun !== undefined) byReason.set(f.notRun, (byReason.get(f.notRun) ?? 0) + 1);
  return [...byReason].map(([why, n]) => `${n} ${n === 1 ? 'family' : 'families'} not run: ${why}`);
}
