import { startEmulator, type EmulatorOptions } from '../../emulator/index.ts';
import { finish } from '../../reports/index.ts';
import { defaultOperation } from '../../src/spec/index.ts';
import { runGroup, type GroupResult } from '../../suites/_engine/runGroup.ts';
import type { RunOptions } from '../../suites/_engine/types.ts';
import { suiteGroups } from '../../suites/_groups.ts';
import { localRunOptions } from '../../suites/_engine/localRunOptions.ts';

/**
 * Runs some suites (through the same engine the vitest suites use, without vitest) against a freshly
 * started reference emulator, and returns the results and how many sessions were left open.
 */
export async function runAgainst(emulator: EmulatorOptions, suites: readonly string[], overrides: Partial<RunOptions> = {}): Promise<{ results: GroupResult[]; leftOpen: number }> {
  const model = defaultOperation();
  const running = await startEmulator({ model, ...emulator });
  try {
    const options = localRunOptions(running, overrides);
    const results: GroupResult[] = [];
    for (const id of suites) results.push(await runGroup(model, suiteGroups.find((g) => g.id === id)!, options));
    return { results, leftOpen: running.openSessions() };
  } finally {
    await running.close();
  }
}

/** Check ids that failed, with their strength: `status-code` (required), `request-id (advisory)`. */
export function failedChecks(results: GroupResult[]): Set<string> {
  return new Set(results.flatMap((r) => r.checks.filter((c) => c.failed > 0).map((c) => (c.strength === 'advisory' ? `${c.check} (advisory)` : c.strength === 'opt-in' ? `${c.check} (opt-in)` : c.check))));
}

/** The run's verdict as the CLI computes it (reports/RunReportCollector.ts finish), not a copy of its rule. */
export function runFails(results: GroupResult[]): boolean {
  const header = { tool: { name: 'conformance', version: 'test' }, operation: 'test', endpoint: '', target: 'external' as const, voiceConnectorId: '', seed: 0, runs: 0, startedAt: '' };
  const errors = results.flatMap((r) => (r.suite.error ? [r.suite.error] : []));
  return finish(header, results.map((r) => r.suite), results.flatMap((r) => r.checks), errors, 0).verdict !== 'pass';
}
