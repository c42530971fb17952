import type { Reporter, TestModule } from 'vitest/node';
import type { CheckSummary, RunReport, SuiteSummary } from '../src/model/report.ts';

/** What the CLI knows about a run before it starts (everything in RunReport but the results). */
export type RunHeader = Omit<RunReport, 'durationMs' | 'verdict' | 'suites' | 'checks' | 'totals' | 'errors'>;

/**
 * A vitest reporter that only collects: at the end of the run it turns the suites' task.meta into a
 * RunReport. It prints nothing (the CLI renders the report) and runs nothing.
 */
export class RunReportCollector implements Reporter {
  report: RunReport | undefined;
  private readonly started = performance.now();

  constructor(private readonly header: RunHeader) {}

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<{ message?: string }>): void {
    const suites: SuiteSummary[] = [];
    const checks: CheckSummary[] = [];
    const errors: string[] = unhandledErrors.map((e) => `unhandled error: ${e.message ?? String(e)}`);
    for (const module of testModules) {
      for (const error of module.errors()) errors.push(`${module.moduleId}: ${error.message}`);
      for (const test of module.children.allTests()) {
        const meta = test.meta();
        if (meta.conformanceSuite) suites.push(meta.conformanceSuite);
        if (meta.conformanceCheck) checks.push(meta.conformanceCheck);
        const result = test.result();
        if (test.name === 'cases' && result.state === 'failed') errors.push(`${test.parent.type === 'suite' ? test.parent.name : module.moduleId}: ${result.errors?.[0]?.message ?? 'failed'}`);
        if (!meta.conformanceCheck && !meta.conformanceSuite && result.state === 'failed') errors.push(`${test.fullName}: ${result.errors?.[0]?.message ?? 'failed'}`);
      }
    }
    this.report = finish(this.header, suites, checks, errors, performance.now() - this.started);
  }
}

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
