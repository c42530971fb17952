import type { CheckSummary, RunReport, SuiteSummary } from '../src/model/report.ts';

/** What the CLI knows about a run before it starts (everything in RunReport but the results). */
export type RunHeader = Omit<RunReport, 'durationMs' | 'verdict' | 'suites' | 'checks' | 'totals' | 'errors'>;

/** Builds the final report from its parts; also used when the run could not even start. */
export function finish(header: RunHeader, suites: SuiteSummary[], checks: CheckSummary[], errors: string[], durationMs: number): RunReport {
  // Only required checks fail a run; --strict has already made opt-in checks required (checksFor). A check
  // whose every failure a baseline lists as known (--baseline) fails nothing: it is a known failure.
  const required = checks.filter((c) => c.failed > 0 && c.strength === 'required');
  const failedChecks = required.filter((c) => hasNewFailure(c)).length;
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
      knownFailures: required.length - failedChecks,
      advisoryFindings: checks.filter((c) => c.strength === 'advisory').reduce((n, c) => n + c.failed, 0),
      cases: suites.reduce((n, s) => n + s.cases, 0),
      requests: suites.reduce((n, s) => n + s.requests, 0),
    },
    errors,
  };
}

/** Whether a failed check failed in a way no baseline lists (always, for a report without fingerprints). */
export function hasNewFailure(check: CheckSummary): boolean {
  return check.failed > 0 && (check.fingerprints === undefined || check.fingerprints.length === 0 || check.fingerprints.some((f) => f.known === undefined));
}
