import type { CheckSummary, FailureRecord } from '../src/model/report.ts';

/** One reason several checks fail: the same wrong answer to the same cases. */
export interface Cause {
  /** The wrong answer, in the fingerprint's words (`400 text/plain`, `no answer: timeout`). */
  answer: string;
  /** The checks that fail this way, by id. */
  checks: string[];
  /** Families whose cases fail this way. */
  families: number;
  /** Failing cases, summed over the checks. */
  cases: number;
  /** Whether every failure of the cause is a known one (the baseline lists them). */
  known: boolean;
  /** One example, with its replay line. */
  example?: FailureRecord;
}

/** How alike two checks' failing families must be (Jaccard index) to count as one cause. */
const SAME_CAUSE = 0.5;

/**
 * The failures of the required and opt-in checks grouped by likely cause: checks that fail with the same
 * answer on much the same families fail for one reason (a wrong error format fails error-contract,
 * error-name and error-type-header on every rejected case alike). Largest first. A heuristic for reading
 * order only: every check is still judged and listed on its own.
 */
export function failureCauses(checks: readonly CheckSummary[]): Cause[] {
  // One item per (check, answer), its families merged over the suites.
  const items = new Map<string, { check: string; answer: string; families: Set<string>; cases: number; known: boolean; example?: FailureRecord }>();
  for (const c of checks) {
    if (c.strength === 'advisory' || c.failed === 0) continue;
    for (const f of c.fingerprints ?? []) {
      const key = `${c.check}\u0000${f.answer}`;
      const item = items.get(key) ?? { check: c.check, answer: f.answer, families: new Set<string>(), cases: 0, known: true };
      item.families.add(f.family);
      item.cases += f.cases;
      item.known &&= f.known !== undefined;
      item.example ??= c.failures.find((r) => r.fingerprint === f.fingerprint) ?? c.failures[0];
      items.set(key, item);
    }
  }
  const groups: { answer: string; checks: Set<string>; families: Set<string>; cases: number; known: boolean; example?: FailureRecord }[] = [];
  for (const item of [...items.values()].sort((a, b) => b.families.size - a.families.size || a.check.localeCompare(b.check))) {
    const group = groups.find((g) => g.answer === item.answer && jaccard(g.families, item.families) >= SAME_CAUSE);
    if (group) {
      group.checks.add(item.check);
      for (const f of item.families) group.families.add(f);
      group.cases += item.cases;
      group.known &&= item.known;
      group.example ??= item.example;
    } else groups.push({ answer: item.answer, checks: new Set([item.check]), families: new Set(item.families), cases: item.cases, known: item.known, ...(item.example ? { example: item.example } : {}) });
  }
  return groups
    .map((g) => ({ answer: g.answer, checks: [...g.checks], families: g.families.size, cases: g.cases, known: g.known, ...(g.example ? { example: g.example } : {}) }))
    .sort((a, b) => Number(a.known) - Number(b.known) || b.checks.length - a.checks.length || b.cases - a.cases);
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  return both / (a.size + b.size - both);
}
