import { beforeAll, describe, inject, it } from 'vitest';
import { checksFor } from '../checks/index.ts';
import { compileOperation, defaultOperation, loadSpec } from '../src/spec/index.ts';
import { suiteGroups } from './suiteGroups.ts';
import { runGroup } from './runGroup.ts';
import type { SuiteResult } from './types.ts';
import './vitestContext.ts';

/**
 * Declares one suite file: a `suite` test that runs the group's cases against the endpoint the CLI
 * provided, and one test per check that fails when a required (or, with --strict, opt-in) check failed.
 * Results travel to the reporter in task.meta; advisory findings never fail a test.
 */
export function defineConformanceSuite(groupId: string): void {
  const options = inject('conformance');
  const group = suiteGroups.find((g) => g.id === groupId);
  if (!group) throw new Error(`unknown suite ${groupId}`);
  const model = options.specFile ? compileOperation(loadSpec(options.specFile)) : defaultOperation();
  // A suite with its own runner (the lifecycle suite) names its own checks.
  const checks = group.runner ? group.runner.checks(model, { strict: options.strict }) : checksFor(model, { strict: options.strict });
  // Cases in flight at the deadline still finish (each request within --timeout) and clean up.
  const budgetMs = Math.max(1_000, options.deadline - Date.now()) + 2 * options.timeoutMs + 5_000;

  describe(group.id, () => {
    let result: SuiteResult | undefined;
    beforeAll(async () => {
      result = await (group.runner ? group.runner.run(model, group, options) : runGroup(model, group, options));
    }, budgetMs);

    it('cases', ({ task }) => {
      if (!result) throw new Error('the suite did not run');
      task.meta.conformanceSuite = result.suite;
      if (result.suite.error) throw new Error(result.suite.error);
    });

    for (const check of checks) {
      it(check.id, ({ task, skip }) => {
        const summary = result?.checks.find((c) => c.check === check.id);
        if (!summary) throw new Error('the suite did not run');
        task.meta.conformanceCheck = summary;
        if (summary.cases === 0) skip(result?.skipReasons?.[check.id] ?? `no case of this suite is one ${check.id} looks at`);
        if (summary.failed > 0 && summary.strength === 'required') {
          const first = summary.failures[0];
          throw new Error(`${summary.failed} of ${summary.cases} cases fail ${check.id}${first ? `: ${first.message}` : ''}`);
        }
      });
    }
  });
}
