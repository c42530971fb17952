import type { RunReport } from '../src/model/report.ts';

/** What one kind of case (must-accept or must-reject) did to one constraint in this run. */
export interface CoverageCell {
  /** Families aimed at the constraint that ran at least one case. */
  families: number;
  cases: number;
  /** Cases that failed a required check. */
  failed: number;
  /** The families' titles, for a tooltip. */
  titles: string[];
  /** Why families aimed at the constraint did not run at all in this run (FamilySummary.notRun), each once. */
  notRun: string[];
}

export interface CoverageRow {
  /** `<member pointer>#<constraint>`, list positions as `*`. */
  constraint: string;
  /** False for what families cover beyond the spec's constraint traits (JSON type, syntax). */
  inSpec: boolean;
  accept: CoverageCell;
  reject: CoverageCell;
}

/**
 * The spec coverage matrix: one row per constraint of the spec (in spec order), then one per constraint
 * the run's families cover that the spec list lacks (JSON type and syntax breaks). A family counts only
 * when it ran at least one case; one that did not run at all leaves its reason in the cell (notRun).
 *
 * Generators name list positions (`/ParticipantPhoneNumbers/0#pattern`) and sometimes the list for a
 * constraint on its items (`/Capabilities#enum` for CapabilityList of the Capability enum); both are
 * matched to the spec's `/…/*#…` row.
 */
export function coverageMatrix(report: RunReport, constraints: readonly string[]): CoverageRow[] {
  const rows = new Map<string, CoverageRow>();
  for (const constraint of constraints) rows.set(constraint, row(constraint, true));
  const known = new Set(constraints);
  for (const suite of report.suites) {
    for (const family of suite.families ?? []) {
      if (family.covers === undefined || (family.cases <= 0 && family.notRun === undefined)) continue;
      if (family.kind !== 'accept' && family.kind !== 'reject') continue;
      const key = normalise(family.covers, known);
      const target = rows.get(key) ?? row(key, false);
      rows.set(key, target);
      const cell = family.kind === 'accept' ? target.accept : target.reject;
      if (family.cases <= 0) {
        if (!cell.notRun.includes(family.notRun!)) cell.notRun.push(family.notRun!);
        continue;
      }
      cell.families += 1;
      cell.cases += family.cases;
      cell.failed += family.failed;
      if (!cell.titles.includes(family.title)) cell.titles.push(family.title);
    }
  }
  const inSpec = [...rows.values()].filter((r) => r.inSpec);
  const extra = [...rows.values()].filter((r) => !r.inSpec).sort((a, b) => a.constraint.localeCompare(b.constraint));
  return [...inSpec, ...extra];
}

// --- internal ---

function row(constraint: string, inSpec: boolean): CoverageRow {
  const cell = (): CoverageCell => ({ families: 0, cases: 0, failed: 0, titles: [], notRun: [] });
  return { constraint, inSpec, accept: cell(), reject: cell() };
}

function normalise(covers: string, known: ReadonlySet<string>): string {
  const hash = covers.lastIndexOf('#');
  const pointer = hash < 0 ? covers : covers.slice(0, hash);
  const constraint = hash < 0 ? '' : covers.slice(hash);
  // Smithy member names start with a letter or `_`, so an all-digit pointer segment is a list position.
  const general = pointer.split('/').map((segment, i) => (i > 0 && /^\d+$/.test(segment) ? '*' : segment)).join('/');
  const key = `${general}${constraint}`;
  if (known.has(key)) return key;
  const items = `${general}/*${constraint}`;
  return known.has(items) ? items : key;
}
