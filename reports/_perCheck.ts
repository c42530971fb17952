import type { CheckSummary } from '../src/model/report.ts';

/** @internal One check over every suite: its counts summed, the suites it looked at and those it failed in. */
export interface CheckRow {
  check: string;
  title: string;
  strength: CheckSummary['strength'];
  cases: number;
  passed: number;
  failed: number;
  skipped: number;
  suites: string[];
  failingSuites: string[];
  entries: CheckSummary[];
  /** The run did not judge the check (--exclude-check, --include-check), and why. */
  excluded?: string;
}

/** @internal One row per check id (each suite applies every check to its own cases), in report order. */
export function perCheck(checks: CheckSummary[]): CheckRow[] {
  const rows = new Map<string, CheckRow>();
  for (const c of checks) {
    const row = rows.get(c.check) ?? { check: c.check, title: c.title, strength: c.strength, cases: 0, passed: 0, failed: 0, skipped: 0, suites: [], failingSuites: [], entries: [] };
    row.cases += c.cases;
    row.passed += c.passed;
    row.failed += c.failed;
    row.skipped += c.skipped;
    if (c.cases > 0) row.suites.push(c.suite);
    if (c.failed > 0) row.failingSuites.push(c.suite);
    row.entries.push(c);
    if (c.excluded !== undefined) row.excluded ??= c.excluded;
    rows.set(c.check, row);
  }
  return [...rows.values()];
}
