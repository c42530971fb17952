import type { CheckSummary, RunReport, SuiteSummary } from '../src/model/report.ts';

/** What the CLI knows about a run before it starts (everything in RunReport but the results). */
export type RunHeader = Omit<RunReport, 'durationMs' | 'verdict' | 'suites' | 'checks' | 'totals' | 'errors'>;

/** Builds the final report from its parts; also used when the run could not even start. */
export function finish(header: RunHeader, suites: SuiteSummary[], checks: CheckSummary[], errors: string[], durationMs: number): RunReport {
  // Only required checks fail a run; --strict has already made opt-in checks required (checksFor).
  const failedChecks = checks.filter((c) => c.failed > 0 && c.strength === 'required').length;
  return {
    ...header,
    durationMs,
    // A required check that failed is a definite answer even when the run could not finish (errors are listed too).
    verdict: failedChecks > 0 ? 'fail' : errors.length > 0 ? 'error' : 'pass',
    suites,
    checks,
    totals: {
      checks: checks.length,
      failedChecks,
      advisoryFindings: checks.filter((c) => c.strength === 'advisory').reduce((n, c) => n + c.failed, 0),
      cases: suites.reduce((n, s) => n + s.cases, 0),
      requests: suites.reduce((n, s) => n + s.requests, 0),
    },
    errors,
  };
}
