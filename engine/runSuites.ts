import type { SuiteSummary } from '../src/model/report.ts';
import { latencySummary } from './latencySummary.ts';
import { runGroup } from './runGroup.ts';
import type { RunContext } from './runContext.ts';
import { suiteGroups } from './suiteGroups.ts';
import type { SuiteResult } from './types.ts';

/**
 * Runs the named suites one after another in this process, with the run's one context (its budgets,
 * transport and interrupt signal are shared by all of them), and hands each result to `onSuite` as soon as
 * the suite is judged. A suite that throws becomes a result with an error rather than ending the run: the
 * results of the other suites are kept. Returns every result, in the order run.
 */
export async function runSuites(context: RunContext, ids: readonly string[], onSuite: (result: SuiteResult) => void = () => undefined): Promise<SuiteResult[]> {
  const results: SuiteResult[] = [];
  for (const id of ids) {
    if (context.signal.aborted) break;
    const result = await runSuite(context, id);
    results.push(result);
    onSuite(result);
  }
  return results;
}

/** One suite: its own runner (the lifecycle suite's sequences) or the case engine (runGroup). */
export async function runSuite(context: RunContext, id: string): Promise<SuiteResult> {
  const group = suiteGroups.find((g) => g.id === id);
  if (!group) throw new Error(`unknown suite ${id}`);
  const started = performance.now();
  try {
    return await (group.runner ? group.runner.run(context, group) : runGroup(context, group));
  } catch (error) {
    return { suite: crashed(group.id, group.title, performance.now() - started, error), checks: [] };
  }
}

function crashed(suite: string, title: string, durationMs: number, error: unknown): SuiteSummary {
  const message = error instanceof Error ? error.message : String(error);
  return { suite, title, cases: 0, requests: 0, durationMs, ...latencySummary([]), error: `the suite crashed before its checks ran: ${message}` };
}
