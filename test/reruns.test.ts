import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../checks/index.ts';
import { startEmulator } from '../emulator/index.ts';
import { startHostileServer } from './support/hostileServer.ts';
import { spawnCli } from './support/spawnCli.ts';

/** --reruns: each kept failing example runs again and is labelled reproducible or flaky, in every report. */
async function run(url: string, connector: string, extra: string[]): Promise<{ report: RunReport; stdout: string; junit: string }> {
  const reportDir = mkdtempSync(join(tmpdir(), 'conformance-reruns-'));
  const result = await spawnCli(['--endpoint', url, '--voice-connector-id', connector, '--seed', '1', '--suite', 'acceptance', '--runs', '3', '--no-sdk', '--report-dir', reportDir, ...extra]);
  expect(result.code, result.stderr).toBe(1);
  return { stdout: result.stdout, report: JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as RunReport, junit: readFileSync(join(reportDir, 'junit.xml'), 'utf8') };
}

const statusCode = (report: RunReport) => report.checks.find((c) => c.check === 'status-code' && c.failed > 0)!;

describe.concurrent('flaky or reproducible', () => {
  it.concurrent('a deterministic fault (every create answered 200): every example reproducible', async () => {
    const emulator = await startEmulator({ faults: ['success-200'] });
    try {
      const { report, stdout, junit } = await run(emulator.url, emulator.voiceConnectorId!, []);
      const check = statusCode(report);
      expect(check.failures.length).toBeGreaterThan(0);
      for (const f of check.failures) expect(f.rerun).toEqual({ runs: 2, failed: 2 });
      expect(check.fingerprints!.some((f) => f.flaky)).toBe(false);
      expect(stdout).toContain('reproducible (failed 2 of 2 reruns)');
      expect(junit).toContain('reproducible (failed 2 of 2 reruns)');
    } finally {
      await emulator.close();
    }
  });

  it.concurrent('an intermittent fault (every third create answered 200): labelled flaky, and it still fails the run', async () => {
    const server = await startHostileServer('every-third-create-200');
    try {
      const { report, stdout } = await run(server.url, server.voiceConnectorId, []);
      const check = statusCode(report);
      // Nothing else is in flight during reruns: two creates in a row, and at most one of them is the third.
      for (const f of check.failures) expect(f.rerun!.failed).toBeLessThan(2);
      expect(check.fingerprints!.some((f) => f.flaky)).toBe(true);
      expect(report.verdict).toBe('fail');
      expect(stdout).toContain('flaky (failed');
    } finally {
      await server.close();
    }
  });

  it.concurrent('--reruns 0: no example is rerun or labelled', async () => {
    const emulator = await startEmulator({ faults: ['success-200'] });
    try {
      const { report } = await run(emulator.url, emulator.voiceConnectorId!, ['--reruns', '0']);
      for (const f of statusCode(report).failures) expect(f.rerun).toBeUndefined();
    } finally {
      await emulator.close();
    }
  });
});
