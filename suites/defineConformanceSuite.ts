import { describe, inject, it } from 'vitest';
import './vitestContext.ts';

/**
 * Declares one suite file of the vitest harness: a `cases` test that fails when the suite could not run
 * (its error), and one test per check of the suite that fails when a required (or, with --strict, opt-in)
 * check failed. The results are the one run's (runOnce.ts); advisory findings never fail a test.
 */
export function defineConformanceSuite(suiteId: string): void {
  const report = inject('conformanceReport');
  const suite = report.suites.find((s) => s.suite === suiteId);
  describe(suiteId, () => {
    it('cases', ({ skip }) => {
      if (!suite) skip(`the run did not include the ${suiteId} suite (--suite, --family or --checks select it)`);
      if (suite?.error) throw new Error(suite.error);
    });
    for (const check of report.checks.filter((c) => c.suite === suiteId)) {
      it(check.check, ({ skip }) => {
        if (check.excluded !== undefined) skip(check.excluded);
        // A suite that a halt (--max-failures, --time-budget) kept from starting says so.
        if (check.cases === 0) skip(check.skipReason ?? (suite?.cases === 0 ? suite.notice : undefined) ?? `no case of this suite is one ${check.check} looks at`);
        if (check.failed > 0 && check.strength === 'required') {
          const first = check.failures[0];
          const replay = first ? `\n${first.replay}` : '';
          throw new Error(`${check.failed} of ${check.cases} cases fail ${check.check}${first ? `: ${first.message}` : ''}${replay}`);
        }
      });
    }
  });
}
