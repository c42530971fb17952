import { startEmulator, type EmulatorOptions } from '../../emulator/index.ts';
import { finish } from '../../reports/index.ts';
import { defaultOperation } from '../../src/spec/index.ts';
import { createRunContext } from '../../engine/runContext.ts';
import { runSuites } from '../../engine/runSuites.ts';
import type { RunOptions, SuiteResult } from '../../engine/types.ts';
import { localRunOptions } from '../../engine/localRunOptions.ts';

/**
 * Runs some suites (through the same engine the vitest suites use, without vitest) against a freshly
 * started reference emulator with clock control (the lifecycle suite's expiry probe moves its clock), and
 * returns the results, how many sessions were left open, and how many voice connectors beyond those the
 * emulator started with were left (the connector families make and remove their own). Reads that disagree with the lifecycle model
 * are repeated at once instead of after the spec's delays: this emulator never lags, so only a broken one
 * is read again, and the spec's delays would only make the fault tests slow.
 */
export async function runAgainst(emulator: EmulatorOptions, suites: readonly string[], overrides: Partial<RunOptions> = {}): Promise<{ results: SuiteResult[]; leftOpen: number; leftConnectors: number }> {
  const model = defaultOperation();
  const running = await startEmulator({ model, clockControl: true, ...emulator });
  const before = new Set(running.voiceConnectors());
  try {
    const options = localRunOptions({ url: running.url, voiceConnectorId: running.voiceConnectorId ?? '' }, { consistencyDelayMs: 0, ...overrides });
    const context = createRunContext(model, options);
    try {
      const results = await runSuites(context, suites);
      return { results, leftOpen: running.openSessions(), leftConnectors: running.voiceConnectors().filter((id) => !before.has(id)).length };
    } finally {
      await context.close();
    }
  } finally {
    await running.close();
  }
}

/**
 * Time for a run of the suites (every suite, or the one a fault is caught in), judged on what it finds and
 * not on how fast: several such runs go at once (it.concurrent), and on a busy machine they take longer
 * than the default minute of a test.
 */
export const WHOLE_RUN_MS = 180_000;

/** Check ids that failed, with their strength: `status-code` (required), `request-id (advisory)`. */
export function failedChecks(results: SuiteResult[]): Set<string> {
  return new Set(results.flatMap((r) => r.checks.filter((c) => c.failed > 0).map((c) => (c.strength === 'advisory' ? `${c.check} (advisory)` : c.strength === 'opt-in' ? `${c.check} (opt-in)` : c.check))));
}

/** The run's verdict as the CLI computes it (reports/finish.ts), not a copy of its rule. */
export function runFails(results: SuiteResult[]): boolean {
  const header = { tool: { name: 'conformance', version: 'test' }, operation: 'test', endpoint: '', target: 'external' as const, voiceConnectorId: '', seed: 0, runs: 0, startedAt: '' };
  const errors = results.flatMap((r) => (r.suite.error ? [r.suite.error] : []));
  return finish(header, results.map((r) => r.suite), results.flatMap((r) => r.checks), errors, 0).verdict !== 'pass';
}
