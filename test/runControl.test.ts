import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { RunReport } from '../checks/index.ts';
import { runConformance } from '../cli/runConformance.ts';
import { startEmulator, type RunningEmulator } from '../emulator/index.ts';
import { runAgainst } from './support/runAgainst.ts';
import { spawnCli, type CliResult } from './support/spawnCli.ts';

/**
 * A gate users adopt in CI, end to end: choosing the checks (--exclude-check, --include-check), the
 * families (--family GLOB), and when to stop (--max-failures, --time-budget), against the embedded
 * emulator and a faulty one. Every run that passes here has a twin that fails or runs more, so none of
 * these assertions could hold of a run that ignored the flag.
 */

const scratch = mkdtempSync(join(tmpdir(), 'conformance-runcontrol-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let dirs = 0;

interface Run extends CliResult {
  report: RunReport;
  reportDir: string;
}

/** The CLI with `args` and a fresh report directory; its report.json read back. */
async function conformance(args: string[]): Promise<Run> {
  const reportDir = join(scratch, `run-${++dirs}`);
  const result = await spawnCli([...args, '--report-dir', reportDir], { killAfterMs: 50_000 });
  let report: RunReport;
  try {
    report = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as RunReport;
  } catch {
    throw new Error(`no report (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  return { ...result, report, reportDir };
}

const fileOf = (run: Run, name: string) => readFileSync(join(run.reportDir, name), 'utf8');

describe('choosing checks against an emulator that answers a create 200 instead of 201 (success-200: status-code fails)', () => {
  let emulator: RunningEmulator;
  let target: string[];
  beforeAll(async () => {
    emulator = await startEmulator({ faults: ['success-200'] });
    target = ['--endpoint', emulator.url, '--voice-connector-id', emulator.voiceConnectorId!, '--suite', 'acceptance', '--runs', '2', '--seed', '11'];
  });
  afterAll(() => emulator?.close());

  it('--exclude-check status-code: the failing check no longer fails the run, and every report says it was excluded', async () => {
    const run = await conformance([...target, '--exclude-check', 'status-code']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.report.verdict).toBe('pass');
    expect(run.report.checks.find((c) => c.check === 'status-code')).toMatchObject({ excluded: 'excluded by --exclude-check', cases: 0, failed: 0, failures: [] });
    expect(run.report.totals.cases).toBeGreaterThan(0);
    expect(run.stdout).toMatch(/^ {2}excluded {3}status-code \(excluded by --exclude-check: not judged, cannot fail the run\)$/m);
    expect(run.stdout).toMatch(/^ {2}x {2}status-code +excluded +required/m);
    expect(fileOf(run, 'junit.xml')).toMatch(/<testcase classname="conformance\.acceptance\.status" name="status-code: [^"]*" time="0\.000">\n {6}<skipped message="excluded by --exclude-check"\/>/);
    expect(fileOf(run, 'report.html')).toMatch(/<dt>Excluded checks<\/dt><dd><code>status-code<\/code>/);
  });

  it('--include-check status-code judges only that check, which fails (exit 1); the others are reported as excluded', async () => {
    const run = await conformance([...target, '--include-check', 'status-code']);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.report.checks.find((c) => c.check === 'status-code')).toMatchObject({ failed: expect.any(Number) });
    expect(run.report.checks.find((c) => c.check === 'status-code')!.failed).toBeGreaterThan(0);
    const others = run.report.checks.filter((c) => c.check !== 'status-code');
    expect(others.length).toBeGreaterThan(10);
    expect(others.every((c) => c.excluded === 'not listed by --include-check' && c.cases === 0)).toBe(true);
  });

  it('--include-check request-id leaves the failing check unjudged: exit 0', async () => {
    const run = await conformance([...target, '--include-check', 'request-id']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.report.checks.find((c) => c.check === 'request-id')).toMatchObject({ failed: 0 });
    expect(run.report.checks.find((c) => c.check === 'request-id')!.excluded).toBeUndefined();
    expect(run.report.checks.find((c) => c.check === 'request-id')!.cases).toBeGreaterThan(0);
    expect(run.report.checks.find((c) => c.check === 'status-code')).toMatchObject({ excluded: 'not listed by --include-check' });
  });

  it('runConformance takes them as options too (excludeCheck)', async () => {
    // Any credentials: this emulator checks no signature, but a run signs what it sends to an endpoint.
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDCONFORMANCETEST');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'conformance-test-secret');
    onTestFinished(() => {
      vi.unstubAllEnvs();
    });
    const common = { endpoint: emulator.url, voiceConnectorId: emulator.voiceConnectorId!, suite: ['acceptance'], runs: 2, seed: 11 };
    expect((await runConformance({ ...common, reportDir: join(scratch, 'library-1') })).verdict).toBe('fail');
    const excluded = await runConformance({ ...common, excludeCheck: ['status-code'], reportDir: join(scratch, 'library-2') });
    expect(excluded.verdict).toBe('pass');
    expect(excluded.checks.find((c) => c.check === 'status-code')?.excluded).toBe('excluded by --exclude-check');
  });

  it('--max-failures 1 stops sending new cases after the first failing case: exit 1, fewer cases than the full run, and reports that say why', async () => {
    // Every suite, once.
    const all = ['--endpoint', emulator.url, '--voice-connector-id', emulator.voiceConnectorId!, '--runs', '1', '--seed', '11'];
    const [full, stopped] = await Promise.all([conformance(all), conformance([...all, '--max-failures', '1'])]);
    expect(full.code, full.stdout + full.stderr).toBe(1);
    expect(stopped.code, stopped.stdout + stopped.stderr).toBe(1);
    expect(stopped.report.verdict).toBe('fail');
    expect(stopped.report.errors).toEqual([]);
    // At most the cases in flight (--concurrency 8) when the first one failed.
    expect(stopped.report.totals.cases).toBeGreaterThan(0);
    expect(stopped.report.totals.cases).toBeLessThanOrEqual(8);
    expect(stopped.report.totals.cases).toBeLessThan(full.report.totals.cases / 10);
    expect(stopped.report.stoppedEarly).toEqual({ by: 'max-failures', message: expect.stringMatching(/^\d+ cases? failed a required check \(--max-failures 1\): no new case was started/) });
    expect(full.report.stoppedEarly).toBeUndefined();
    // Every suite is in the report; those after the stop say they did not start.
    expect(stopped.report.suites.map((s) => s.suite)).toEqual(full.report.suites.map((s) => s.suite));
    expect(stopped.report.suites.at(-1)).toMatchObject({ cases: 0, notice: 'the run stopped before this suite started (--max-failures)' });
    // The failure is reported in full, shrunk and with its replay line.
    const failure = stopped.report.checks.find((c) => c.check === 'status-code')!.failures[0]!;
    expect(failure).toMatchObject({ expected: 201, actual: 200 });
    expect(failure.replay).toMatch(/--family \S+ --path [\d:]+/);
    expect(stopped.stdout).toMatch(/^ {2}Stopped {3}the run stopped early: \d+ cases? failed a required check \(--max-failures 1\)/m);
    expect(stopped.stdout).toContain(' FAIL ');
  });

  it('--time-budget 1 after a required check failed ends with exit 1, the failure in the report, and the notice', async () => {
    // Every suite at --runs 2 takes about 4.5 s against this emulator, so a budget of 1 s cuts the run in
    // a later suite; the acceptance suite runs first, and every create of it fails status-code.
    const run = await conformance(['--endpoint', emulator.url, '--voice-connector-id', emulator.voiceConnectorId!, '--runs', '2', '--seed', '11', '--time-budget', '1']);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.report.verdict).toBe('fail');
    // A verdict, not an error: the budget is a notice (exit 2 is for --deadline).
    expect(run.report.errors).toEqual([]);
    expect(run.report.stoppedEarly).toEqual({ by: 'time-budget', message: expect.stringMatching(/^the time budget was spent \(--time-budget 1 s\)/) });
    expect(run.report.suites.at(-1)).toMatchObject({ suite: 'lifecycle', notice: expect.stringMatching(/\(--time-budget\)$/) });
    const failed = run.report.checks.filter((c) => c.failed > 0);
    expect(failed.map((c) => c.check)).toContain('status-code');
    expect(failed.every((c) => c.check === 'status-code')).toBe(true);
    const failure = failed.find((c) => c.suite === 'acceptance')!.failures[0]!;
    expect(failure).toMatchObject({ expected: 201, actual: 200 });
    expect(failure.replay).toMatch(/--seed 11 --family \S+ --path [\d:]+/);
    expect(run.stdout).toMatch(/^ {2}Stopped {3}the run stopped early: the time budget was spent \(--time-budget 1 s\)/m);
    expect(run.stdout).toMatch(/^ {2}✗ status-code {2}the status code is the one the spec demands {2}required · suite acceptance · \d+ of \d+ cases failed$/m);
    expect(run.stdout).toMatch(/ FAIL .*exit code 1/);
  });
});

describe('--time-budget against the unbroken embedded emulator', () => {
  it('--time-budget 1 ends with exit 0 and a notice, having run fewer cases than the full run', async () => {
    const [full, budgeted] = await Promise.all([conformance(['--seed', '12', '--runs', '2']), conformance(['--seed', '12', '--runs', '2', '--time-budget', '1'])]);
    expect(full.code, full.stdout + full.stderr).toBe(0);
    // The full run takes about 3 s here (1,294 cases), so a budget of 1 s must cut it.
    expect(full.report.durationMs).toBeGreaterThan(1_000);
    expect(budgeted.code, budgeted.stdout + budgeted.stderr).toBe(0);
    expect(budgeted.report.verdict).toBe('pass');
    expect(budgeted.report.errors).toEqual([]);
    expect(budgeted.report.totals.cases).toBeGreaterThan(0);
    expect(budgeted.report.totals.cases).toBeLessThan(full.report.totals.cases);
    expect(budgeted.report.stoppedEarly).toEqual({ by: 'time-budget', message: expect.stringMatching(/^the time budget was spent \(--time-budget 1 s\)/) });
    expect(budgeted.report.suites.some((s) => s.notice !== undefined)).toBe(true);
    expect(budgeted.stdout).toMatch(/^ {2}Stopped {3}the run stopped early: the time budget was spent \(--time-budget 1 s\)/m);
    expect(budgeted.stdout).toContain(' PASS ');
  });
});

describe('--family as a glob', () => {
  it("--family 'reject.Name.*' runs every matching family, across suites, and reports the others as not selected", async () => {
    const run = await conformance(['--family', 'reject.Name.*', '--runs', '2']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.report.suites.map((s) => s.suite)).toEqual(['rejection']);
    const ran = run.report.suites.flatMap((s) => s.families ?? []);
    expect(ran.length).toBeGreaterThan(3);
    expect(ran.every((f) => f.id.startsWith('reject.Name.') && f.cases > 0)).toBe(true);
    expect(run.report.familySelection?.selected.sort()).toEqual(ran.map((f) => f.id).sort());
    expect(run.report.familySelection?.notSelected).toEqual(expect.arrayContaining(['accept.random', 'lifecycle.sequences', 'reject.Capabilities.required.missing']));
    expect(run.stdout).toMatch(new RegExp(`^ {2}families {3}--family reject\\.Name\\.\\*: ${ran.length} selected, \\d+ not selected`, 'm'));

    const across = await conformance(['--family', '*.Name*', '--runs', '1']);
    expect(across.code, across.stdout + across.stderr).toBe(0);
    expect(across.report.suites.map((s) => s.suite)).toEqual(['acceptance', 'rejection']);
  });

  it('a glob that matches nothing, or an unknown check id, is a usage error (exit 2) naming what there is', async () => {
    const glob = await spawnCli(['--family', 'reject.Nmae.*']);
    expect(glob.code).toBe(2);
    expect(glob.stderr).toMatch(/^conformance: --family "reject\.Nmae\.\*" matches no case family of any suite; near ids: reject\.Name\./);
    const check = await spawnCli(['--exclude-check', 'status-cod']);
    expect(check.code).toBe(2);
    expect(check.stderr).toMatch(/^conformance: --exclude-check "status-cod" is not a check; the checks are transport, status-code, /);
  });
});

describe('an excluded lifecycle invariant (engine)', () => {
  it('does not end a sequence: the other invariants look at as many sequences as against an unbroken emulator', async () => {
    const selection = { checkSelection: { exclude: ['read-after-create'] }, runs: 4 };
    const [faulty, excluded, unbroken] = await Promise.all([
      runAgainst({ faults: ['get-wrong-participants'] }, ['lifecycle'], { runs: 4 }),
      runAgainst({ faults: ['get-wrong-participants'] }, ['lifecycle'], selection),
      runAgainst({}, ['lifecycle'], selection),
    ]);
    const check = (r: typeof faulty, id: string) => r.results[0]!.checks.find((c) => c.check === id)!;
    expect(check(faulty, 'read-after-create').failed).toBeGreaterThan(0);
    expect(check(excluded, 'read-after-create')).toMatchObject({ excluded: 'excluded by --exclude-check', failed: 0, cases: 0 });
    expect(excluded.results[0]!.checks.filter((c) => c.failed > 0 && c.strength === 'required')).toEqual([]);
    // Counted per sequence: the faulty run's sequences ended at their first wrong Get, before these looked.
    for (const id of ['update-reflected', 'delete-then-not-found', 'list-complete']) {
      expect(check(excluded, id).cases, id).toBe(check(unbroken, id).cases);
      expect(check(excluded, id).cases, id).toBeGreaterThan(check(faulty, id).cases);
    }
    expect(excluded.leftOpen).toBe(0);
  });
});
