import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/index.ts';
import type { RunReport } from '../checks/index.ts';
import { recordingProxy, spawnCli } from './support/spawnCli.ts';
import { harProblems, readHar, type Har, type HarEntry } from './support/validateHar.ts';

/**
 * --record and --record-failures end to end: the CLI as a user runs it, the HAR file it writes checked
 * against HAR 1.2 (test/fixtures/har-1.2.schema.json), against the report's own counts, against what the
 * endpoint really received, and for every credential the run held.
 */

const scratch = mkdtempSync(join(tmpdir(), 'conformance-record-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let dirs = 0;
const freshDir = () => join(scratch, `run-${++dirs}`);

const readReport = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as RunReport;
const calls = (entries: HarEntry[], suite: string) => entries.filter((e) => e._conformance.phase === 'case' && e._conformance.suite === suite && e._conformance.role === 'call' && e._conformance.attempt === undefined);
/** A case of the report, as an entry names it. */
const caseOf = (e: HarEntry) => `${e._conformance.family} --path ${e._conformance.path}`;

describe.concurrent('--record', () => {
  it.concurrent('writes every exchange of a run against the embedded emulator as HAR 1.2, each call where the report counts it', async () => {
    // Arrange
    const dir = freshDir();
    const file = join(dir, 'traffic', 'run.har');

    // Act
    const result = await spawnCli(['--seed', '1', '--runs', '1', '--report-dir', dir, '--record', file], { killAfterMs: 150_000 });

    // Assert
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const har = readHar(file);
    expect(harProblems(har)).toEqual([]);
    expect(existsSync(`${file}.partial`)).toBe(false);
    const entries = har.log.entries;
    expect(result.stdout).toContain(`Recording: ${file} (${entries.length} requests)`);
    const report = readReport(dir);
    // Each suite's calls are the requests its report counts (the expiry probe's move of the emulator's clock included).
    for (const suite of report.suites) expect(calls(entries, suite.suite).length, suite.suite).toBe(suite.requests);
    expect(report.suites.map((s) => s.suite)).toEqual(['acceptance', 'rejection', 'unknown-connector', 'unspecified', 'cross-session', 'lifecycle']);
    // And the rest of the run's traffic: the preflight, the SDK's copies, every cleanup, the clock reads and undo.
    const roles = new Set(entries.map((e) => `${e._conformance.phase}/${e._conformance.role}`));
    for (const kind of ['preflight/call', 'preflight/cleanup', 'case/sdk-parses', 'case/cleanup', 'case/clock-control', 'cleanup/cleanup']) expect(roles, kind).toContain(kind);
    expect(entries.filter((e) => e._conformance.role === 'clock-control').map((e) => e.request.method)).toEqual(['GET', 'POST']);
    // Every case's entries name a family of the report, so a reader finds the case there.
    const families = new Set(report.suites.flatMap((s) => s.families?.map((f) => f.id) ?? []));
    for (const e of entries.filter((x) => x._conformance.phase === 'case')) expect(families).toContain(e._conformance.family);
    expect(entries.some((e) => e._conformance.failures)).toBe(false);
    // Nothing of the stand-in credentials the embedded emulator's requests are signed with.
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/"(authorization|x-amz-security-token|x-amz-date)"/i);
    expect(text).not.toContain('conformance-unchecked');
    expect(text).not.toMatch(/Signature=(?!\[redacted\])/);
  });

  it.concurrent('holds exactly what the endpoint received, and none of the secret key, session token or signatures of the run', async () => {
    // Arrange: the run signs with temporary credentials the endpoint checks; a proxy in front sees every request.
    const credentials = { accessKeyId: 'AKIDRECORDTEST', secretAccessKey: 'record-test-secret-access-key', sessionToken: 'record-test-session-token/with+base64=' };
    const emulator = await startEmulator({ clockControl: true, signatures: { credentials: [credentials] } });
    const proxy = await recordingProxy(emulator.url);
    const dir = freshDir();
    const file = join(dir, 'run.har');
    try {
      // Act
      const result = await spawnCli(['--endpoint', proxy.url, '--voice-connector-id', emulator.voiceConnectorId!, '--runs', '1', '--checks', 'auth', '--seed', '7', '--report-dir', dir, '--record', file], {
        env: { AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_SESSION_TOKEN: credentials.sessionToken },
        killAfterMs: 120_000,
      });

      // Assert
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const har = readHar(file);
      expect(harProblems(har)).toEqual([]);
      const received = proxy.recorded.map((r) => `${r.method} ${r.path}`).sort();
      const recorded = har.log.entries.map((e) => `${e.request.method} ${new URL(e.request.url).pathname}${new URL(e.request.url).search}`).sort();
      expect(recorded).toEqual(received);
      const signatures = proxy.recorded.flatMap((r) => /Signature=([0-9a-f]{64})/.exec(String(r.headers.authorization ?? ''))?.[1] ?? []);
      expect(signatures.length).toBeGreaterThan(100);
      const text = readFileSync(file, 'utf8');
      for (const secret of [credentials.secretAccessKey, credentials.sessionToken, ...signatures]) expect(text.includes(secret), secret).toBe(false);
      expect(text).not.toMatch(/Credential=(?!\[redacted\])/);
    } finally {
      await proxy.close();
      await emulator.close();
    }
  });

  it.concurrent('a run stopped by Ctrl-C still ends its recording as valid HAR, its cleanup included', async () => {
    // Arrange: the signal comes once the recording has reached the disk (the suites are sending).
    const dir = freshDir();
    const file = join(dir, 'interrupted.har');
    const writing = () => existsSync(`${file}.partial`) && statSync(`${file}.partial`).size > 0;

    // Act
    const result = await spawnCli(['--seed', '2', '--report-dir', dir, '--record', file], { interrupt: { signal: 'SIGINT', when: writing, afterMs: 60_000 }, killAfterMs: 90_000 });

    // Assert
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(readReport(dir).errors.join('\n')).toContain('interrupted by SIGINT');
    const har = readHar(file);
    expect(harProblems(har)).toEqual([]);
    expect(existsSync(`${file}.partial`)).toBe(false);
    expect(har.log.entries.filter((e) => e._conformance.phase === 'case').length).toBeGreaterThan(0);
    expect(har.log.entries.some((e) => e._conformance.phase === 'cleanup')).toBe(true);
  });
});

describe.concurrent('--record-failures', () => {
  it.concurrent('keeps only the exchanges of the cases that failed a required check (and of their shrinking)', async () => {
    // Arrange: Name admits '_' and '-': the rejection cases that use them are wrongly accepted (status-code).
    const emulator = await startEmulator({ faults: ['name-accepts-punctuation'] });
    const dir = freshDir();
    const file = join(dir, 'failures.har');
    try {
      // Act
      const result = await spawnCli(['--endpoint', emulator.url, '--voice-connector-id', emulator.voiceConnectorId!, '--suite', 'rejection', '--runs', '1', '--seed', '3', '--report-dir', dir, '--record', file, '--record-failures'], { killAfterMs: 120_000 });

      // Assert
      expect(result.code, result.stdout + result.stderr).toBe(1);
      const har = readHar(file);
      expect(harProblems(har)).toEqual([]);
      const entries = har.log.entries;
      const cases = entries.filter((e) => e._conformance.phase === 'case');
      const shrinks = entries.filter((e) => e._conformance.phase === 'shrink');
      expect(cases.length + shrinks.length).toBe(entries.length);
      for (const e of cases) expect(e._conformance.failures?.map((f) => f.check)).toEqual(['status-code']);
      for (const e of shrinks) expect(e._conformance.check).toBe('status-code');
      // Exactly the failing cases the report counts, family by family.
      const failing = (readReport(dir).suites[0]!.families ?? []).filter((f) => f.failed > 0);
      expect(failing.length).toBeGreaterThan(0);
      const kept = new Map<string, Set<string>>();
      for (const e of cases) kept.set(e._conformance.family!, (kept.get(e._conformance.family!) ?? new Set()).add(caseOf(e)));
      expect(Object.fromEntries([...kept].map(([family, set]) => [family, set.size]))).toEqual(Object.fromEntries(failing.map((f) => [f.id, f.failed])));
      // A kept case keeps all its exchanges: the wrongly accepted create and the delete of what it made.
      expect(new Set(cases.map((e) => e._conformance.role))).toEqual(new Set(['call', 'cleanup']));
      expect(result.stdout).toContain(`(${entries.length} requests of cases that failed a check)`);
    } finally {
      await emulator.close();
    }
  });

  it.concurrent('keeps the cases that failed only an advisory check', async () => {
    const emulator = await startEmulator({ faults: ['no-request-id'] });
    const dir = freshDir();
    const file = join(dir, 'advisory.har');
    try {
      const result = await spawnCli(['--endpoint', emulator.url, '--voice-connector-id', emulator.voiceConnectorId!, '--suite', 'unknown-connector', '--runs', '2', '--report-dir', dir, '--record', file, '--record-failures'], { killAfterMs: 60_000 });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const entries = readHar(file).log.entries.filter((e) => e._conformance.phase === 'case');
      const requestId = readReport(dir).checks.find((c) => c.check === 'request-id')!;
      expect(requestId.failed).toBeGreaterThan(0);
      expect(new Set(entries.map(caseOf)).size).toBe(requestId.failed);
      for (const e of entries) expect(e._conformance.failures?.map((f) => f.check)).toContain('request-id');
    } finally {
      await emulator.close();
    }
  });

  it.concurrent('against the unbroken emulator writes a valid file with no entries (keys record and record-failures in the config file)', async () => {
    // Arrange
    const cwd = freshDir();
    mkdirSync(cwd, { recursive: true });
    writeFileSync(join(cwd, 'conformance.config.yaml'), 'record: traffic.har\nrecord-failures: true\nruns: 1\nsuite: [acceptance, rejection, cross-session]\n');

    // Act
    const result = await spawnCli(['--seed', '5'], { cwd, killAfterMs: 90_000 });

    // Assert
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const har: Har = readHar(join(cwd, 'traffic.har'));
    expect(harProblems(har)).toEqual([]);
    expect(har.log.entries).toEqual([]);
    expect(result.stdout).toContain('(0 requests of cases that failed a check)');
  });

  it.concurrent('needs --record; a file that cannot be written stops the run before it sends anything (exit 2)', async () => {
    const alone = await spawnCli(['--record-failures']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--record-failures needs --record FILE');
    const file = join(freshDir(), 'a-file');
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, '');
    const blocked = await spawnCli(['--record', join(file, 'run.har'), '--report-dir', freshDir()]);
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toContain(`--record ${join(file, 'run.har')} cannot be written`);
    expect(blocked.stdout).not.toContain('Cases');
  });

  it.concurrent('a recording that cannot be written to the end (a full disk) still leaves the reports, and exits 2 naming the file', async () => {
    // Arrange: the file being written is /dev/full, where every write fails with ENOSPC.
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'full.har');
    symlinkSync('/dev/full', `${file}.partial`);

    // Act
    const result = await spawnCli(['--suite', 'unknown-connector', '--runs', '1', '--report-dir', dir, '--record', file]);

    // Assert
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`could not write the recording (--record): ${file}: ENOSPC`);
    expect(result.stderr).toContain('verdict pass');
    expect(readReport(dir).verdict).toBe('pass');
    expect(existsSync(file)).toBe(false);
  });
});
