import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../checks/index.ts';
import { startHostileServer, type HostileMode } from './support/hostileServer.ts';
import { spawnCli, type CliResult, type Interrupt } from './support/spawnCli.ts';

/**
 * A run against endpoints that misbehave, as the CLI's user meets them: whatever the endpoint does, the run
 * ends in bounded time and memory with a verdict and a report, and the endpoint holds none of the run's
 * sessions afterwards (or the report names each one left). Each class is one loopback server
 * (support/hostileServer.ts) and one CLI process, signalled as a terminal signals it: the whole group.
 */

/** Peak RSS any run may reach, whatever it is sent. */
const RSS_LIMIT_MB = 1024;

async function runAgainst(mode: HostileMode, args: string[], options: { after?: number; interrupt?: Interrupt & { afterRequests?: number }; killAfterMs?: number } = {}) {
  // Each test closes its own server: the tests run concurrently.
  const server = await startHostileServer(mode, options.after !== undefined ? { after: options.after } : {});
  // "After n requests": the suites are under way, however slowly this machine started the CLI.
  const after = options.interrupt?.afterRequests;
  const interrupt = options.interrupt && { ...options.interrupt, ...(after !== undefined ? { when: () => server.requests >= after } : {}) };
  try {
    const result = await run(server.url, server.voiceConnectorId, mode, args, { ...(options.killAfterMs ? { killAfterMs: options.killAfterMs } : {}), ...(interrupt ? { interrupt } : {}) });
    return { ...result, left: server.openSessions() };
  } finally {
    await server.close();
  }
}

async function run(url: string, voiceConnectorId: string, mode: HostileMode, args: string[], options: { interrupt?: Interrupt; killAfterMs?: number }) {
  const reportDir = mkdtempSync(join(tmpdir(), `conformance-hostile-${mode}-`));
  const result = await spawnCli(['--endpoint', url, '--voice-connector-id', voiceConnectorId, '--seed', '7', '--report-dir', reportDir, ...args], {
    measureRss: true,
    killAfterMs: options.killAfterMs ?? 60_000,
    ...(options.interrupt ? { interrupt: options.interrupt } : {}),
  });
  const reportFile = join(reportDir, 'report.json');
  const report = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as RunReport) : undefined;
  return { result, report, reportDir };
}

/** Sessions left open on the endpoint are none, or each is named in the report's errors. */
function expectNothingLeftUnnamed(left: number, report: RunReport | undefined, result: CliResult): void {
  if (left === 0) return;
  expect(report?.errors.join('\n'), `${left} session(s) left open and not named; stdout:\n${result.stdout.slice(-2000)}`).toContain(`${left} session(s) of this run may still be open`);
}

describe('interrupts: Ctrl-C to the process group', () => {
  it.concurrent('a healthy endpoint: ends within 5 s, reports what was judged, leaves no session', async () => {
    const { left, result, report } = await runAgainst('pass', ['--deadline', '60', '--runs', '50'], { interrupt: { signal: 'SIGINT', afterRequests: 60, afterMs: 30_000 } });
    expect(result.msAfterSignal, result.stderr).toBeLessThan(5_000);
    expect([1, 2]).toContain(result.code);
    expect(report?.errors.join('\n')).toContain('interrupted by SIGINT');
    expect(report!.suites.reduce((n, s) => n + s.cases, 0)).toBeGreaterThan(0);
    expect(left).toBe(0);
  });

  it.concurrent('an endpoint that stops answering: ends within 5 s and names every session it could not delete', async () => {
    const { left, result, report } = await runAgainst('hang-after', ['--deadline', '60'], { after: 40, interrupt: { signal: 'SIGINT', afterRequests: 45, afterMs: 30_000 } });
    expect(result.msAfterSignal, result.stderr).toBeLessThan(5_000);
    expect(result.code).toBe(report?.verdict === 'fail' ? 1 : 2);
    expect(report?.errors.join('\n')).toContain('interrupted by SIGINT');
    expectNothingLeftUnnamed(left, report, result);
  });

  it.concurrent('a second Ctrl-C skips the cleanup at once and names sweep', async () => {
    const { result, report, reportDir } = await runAgainst('hang-after', ['--deadline', '60'], { after: 40, interrupt: { signal: 'SIGINT', afterRequests: 45, afterMs: 30_000, againAfterMs: 1_000 } });
    expect(result.msAfterSignal, result.stderr).toBeLessThan(2_500);
    expect(result.stderr).toContain(`npx conformance sweep --report-dir ${reportDir}`);
    expect(report?.errors.join('\n')).toContain('interrupted by SIGINT');
  });

  it.concurrent('SIGTERM is handled the same way', async () => {
    const { left, result, report } = await runAgainst('pass', ['--deadline', '60', '--runs', '50'], { interrupt: { signal: 'SIGTERM', afterRequests: 60, afterMs: 30_000 } });
    expect(result.msAfterSignal, result.stderr).toBeLessThan(5_000);
    expect(report?.errors.join('\n')).toContain('interrupted by SIGTERM');
    expect(left).toBe(0);
  });
});

describe('answers that would exhaust the run: judged, bounded, reported', () => {
  const cases: [HostileMode, string][] = [
    ['deep-arrays', '100,000 nested arrays'],
    ['deep-objects', '100,000 nested objects'],
    ['big-12mb', '12 MB bodies'],
    ['big-200mb', '200 MB bodies'],
    ['big-header', 'a 100 KB header'],
  ];
  for (const [mode, what] of cases) {
    it.concurrent(`${what}: exit 1 with a report, peak RSS under ${RSS_LIMIT_MB} MB`, async () => {
      const { result, report } = await runAgainst(mode, ['--suite', 'acceptance', '--runs', '2', '--deadline', '30']);
      expect(result.code, result.stderr + result.stdout.slice(-1500)).toBe(1);
      expect(report?.verdict).toBe('fail');
      expect(result.maxRssMb).toBeLessThan(RSS_LIMIT_MB);
    });
  }
});

describe('lost answers leave nothing behind', () => {
  const cases: [HostileMode, string][] = [
    ['short-body', 'a create answer 10 bytes short of its Content-Length'],
    ['close-after-headers', 'a create answer cut after its headers'],
    ['server-error-after-create', 'a 500 for a create that was done'],
    ['reset-every-third', 'one request in three reset, cleanup deletes included'],
  ];
  for (const [mode, what] of cases) {
    it.concurrent(`${what}: exit 1, and the endpoint holds none of the run's sessions`, async () => {
      const { left, result, report } = await runAgainst(mode, ['--suite', 'acceptance', '--suite', 'lifecycle', '--runs', '3', '--deadline', '40']);
      expect(result.code, result.stderr + result.stdout.slice(-1500)).toBe(1);
      expect(report?.verdict).toBe('fail');
      expect(left, result.stdout.slice(-2000)).toBe(0);
    });
  }
});
