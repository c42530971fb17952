import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runClient, type ClientRunOptions, type ClientRunResult } from '../client/index.ts';
import type { RunReport } from '../src/model/report.ts';
import { defaultOperation } from '../src/spec/index.ts';
import { root, spawnCli, type CliResult } from './support/spawnCli.ts';

/**
 * Every check of `conformance client` can fail: each deliberately broken testee (test/fixtures/testees/
 * brokenNode.mjs: the bundled Node testee with one defect) fails exactly the check that names its defect,
 * under the scenarios that meet it; and a testee that crashes, hangs, breaks the protocol or does not start
 * ends the run with an error that says which (exit 2), within --timeout and the deadline. The bundled
 * testees passing (no false positives) is test/clientBundled.test.ts.
 */

const model = defaultOperation();
const BROKEN = join(root, 'test', 'fixtures', 'testees', 'brokenNode.mjs');
/** Testees that fail as a process on their first case, before any check could fail (no SDK, no call). */
const BROKEN_PROCESS = join(root, 'test', 'fixtures', 'testees', 'brokenProcess.mjs');

function judge(defect: string, scenarios: string[], options: Partial<ClientRunOptions> = {}): Promise<ClientRunResult> {
  return runClient(model, {
    command: [process.execPath, BROKEN, defect],
    seed: 20261207,
    runs: 1,
    timeoutMs: 15_000,
    deadline: Date.now() + 60_000,
    strict: false,
    region: 'us-east-1',
    scenarios,
    replayBase: 'npx conformance client',
    ...options,
  });
}

/** The same, by `npx conformance client` in a process of its own; its exit code is 1 (a check failed). */
async function judgeThroughCli(defect: string, scenarios: string[], strict: boolean): Promise<Pick<ClientRunResult, 'checks' | 'errors'>> {
  const dir = join(root, 'test-output', `client-${defect}-${process.pid}`);
  const result = await spawnCli(['client', '--seed', '20261207', '--runs', '1', ...(strict ? ['--strict'] : []), ...scenarios.flatMap((s) => ['--scenario', s]), '--report-dir', dir, '--', process.execPath, BROKEN, defect]);
  expect(result.code).toBe(1);
  return JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as RunReport;
}

/** `npx conformance client ARGS -- COMMAND` in a process of its own (as users run it), and its report.json. */
async function clientCli(name: string, args: string[], command: string[]): Promise<{ result: CliResult; report: RunReport }> {
  const dir = join(root, 'test-output', `client-${name}-${process.pid}`);
  // A report left by an earlier run with the same pid must not stand in for one this run failed to write.
  rmSync(dir, { recursive: true, force: true });
  const result = await spawnCli(['client', ...args, '--report-dir', dir, '--', ...command]);
  return { result, report: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as RunReport };
}

/** The checks that failed and may fail a run (advisory findings apart), sorted. */
function failing(result: Pick<ClientRunResult, 'checks'>): string[] {
  return result.checks.filter((c) => c.failed > 0 && c.strength !== 'advisory').map((c) => c.check).sort();
}

/**
 * `cli`: judged in a runner process of its own, as users run it, because the check is about timing: in
 * this process, other tests' runs would hold up the emulator's event loop and blur the waits it measures.
 * `reason`: for a check that judges several things, what each of its failures must say, so that the row
 * shows the part its defect is meant to reach failing, not another part of the same check.
 */
const DEFECTS: Array<{ defect: string; check: string; scenarios: string[]; strict?: boolean; cli?: true; reason?: RegExp }> = [
  { defect: 'trailing-slash', check: 'method-and-path', scenarios: ['plain'] },
  { defect: 'plus-for-space', check: 'label-encoding', scenarios: ['plain'] },
  { defect: 'camel-case-query', check: 'query', scenarios: ['plain', 'pages'] },
  { defect: 'no-content-type', check: 'headers', scenarios: ['plain'] },
  { defect: 'wrong-host', check: 'headers', scenarios: ['slow'], reason: /^Host does not name the endpoint the client was given$/ },
  { defect: 'extra-body-member', check: 'body', scenarios: ['plain'] },
  { defect: 'bad-signature', check: 'sigv4', scenarios: ['plain', 'throttled'] },
  { defect: 'refuses-empty-name', check: 'accepts-valid-input', scenarios: ['plain'] },
  { defect: 'retries-client-errors', check: 'retries-only-retryable', scenarios: ['error-BadRequestException', 'error-NotFoundException'] },
  { defect: 'gives-up-at-once', check: 'retries-retryable', scenarios: ['throttled', 'unavailable'] },
  { defect: 'too-many-attempts', check: 'attempts-bounded', scenarios: ['error-ServiceUnavailableException'] },
  { defect: 'no-backoff', check: 'backoff', scenarios: ['plain', 'throttled', 'unavailable', 'server-fault', 'reset', 'error-ServiceUnavailableException', 'error-ServiceFailureException', 'error-ThrottledClientException'], cli: true },
  { defect: 'ignores-retry-after', check: 'honours-retry-after', scenarios: ['throttled-retry-after'], strict: true, cli: true },
  { defect: 'stops-after-one-page', check: 'paginator', scenarios: ['pages'] },
  { defect: 'pages-past-the-end', check: 'paginator', scenarios: ['pages'], reason: /^page 3 named no next token, yet the paginator went on$/ },
  { defect: 'timestamps-an-hour-off', check: 'output-read', scenarios: ['unknown-members'] },
  { defect: 'first-participant-only', check: 'output-read', scenarios: ['unknown-members'], reason: /^the client read the answer to request \d+ wrong: (\/\S*\/Participants has 1 items; the answer had 2(; |$))+$/ },
  { defect: 'names-from-code', check: 'error-read', scenarios: ['error-NotFoundException', 'error-ThrottledClientException'] },
  { defect: 'status-always-400', check: 'error-read', scenarios: ['error-NotFoundException'], reason: /^the client reports status 400 for a 404 answer$/ },
];

describe.concurrent('each broken testee fails exactly the check that names its defect', () => {
  it('every check of spec /clients/checks but the advisory one has a broken testee here', () => {
    const required = model.spec.clients!.checks.filter((c) => c.strength !== 'advisory').map((c) => c.id).sort();
    expect([...new Set(DEFECTS.map((d) => d.check))].sort()).toEqual(required);
  });

  for (const { defect, check, scenarios, strict, cli, reason } of DEFECTS) {
    it(`${defect} → ${check}${cli ? ' (through the CLI)' : ''}`, async () => {
      // Act
      const result = cli ? await judgeThroughCli(defect, scenarios, strict ?? false) : await judge(defect, scenarios, { strict: strict ?? false });

      // Assert
      expect(result.errors).toEqual([]);
      expect(failing(result)).toEqual([check]);
      const failure = result.checks.find((c) => c.check === check)!.failures[0]!;
      // Each failure carries the case, the requests, the answers and the testee's lines.
      expect(failure.testee?.sent).toMatch(/^\{"id":/);
      expect(failure.replay).toMatch(new RegExp(`^npx conformance client${cli ? ' --runs 1' : ''}( --strict)? --seed 20261207 --case \\S+ -- \\S+ \\S+ ${defect}$`));
      expect(failure.fingerprint).toMatch(/^[0-9a-f]{12}$/);
      if (reason) for (const { message } of result.checks.find((c) => c.check === check)!.failures) expect(message).toMatch(reason);
    });
  }

  it('extended-amz-date → headers and sigv4: X-Amz-Date not in the basic format is a wrong header and a signature that cannot verify', async () => {
    // A row of its own above cannot be: the runner's SigV4 (client/sigv4.ts) requires the same basic format
    // the headers check does, so no X-Amz-Date that fails headers passes sigv4.

    // Act
    const result = await judge('extended-amz-date', ['slow']);

    // Assert
    expect(result.errors).toEqual([]);
    expect(failing(result)).toEqual(['headers', 'sigv4']);
    expect(result.checks.find((c) => c.check === 'headers')!.failures).toEqual([
      expect.objectContaining({ path: 'request 1 header x-amz-date', expected: 'YYYYMMDDTHHMMSSZ', actual: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) }),
    ]);
  });

  it('create-retried-after-reset (advisory): the SDK that retries a create after a reset is reported; one that does not retry is not', async () => {
    // Act
    const [retrying, giving] = await Promise.all([judge('none', ['reset']), judge('gives-up-at-once', ['reset'])]);

    // Assert
    const finding = (r: ClientRunResult) => r.checks.find((c) => c.check === 'create-retried-after-reset')!;
    expect(finding(retrying)).toMatchObject({ strength: 'advisory', failed: 1 });
    expect(finding(giving).failed).toBe(0);
    expect(failing(retrying)).toEqual([]);
  });
});

describe.concurrent('a testee that fails as a process ends the run with a message that says how', () => {
  it('crashes: the exit code and the end of its stderr', async () => {
    const result = await judge('crash', ['plain']);
    expect(result.errors).toEqual([expect.stringMatching(/^the testee crashed: it exited with code 3 on case \S+ \(3 of \d+\)\. The end of its stderr: brokenNode: crashing on purpose$/)]);
  });

  it('hangs: ended after --timeout, its process group killed', async () => {
    const started = performance.now();
    const result = await judge('hang', ['plain'], { timeoutMs: 1_500 });
    expect(result.errors).toEqual([expect.stringMatching(/^the testee stopped answering: no reply on case \S+ \(3 of \d+\) within 1500 ms \(--timeout\)/)]);
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('breaks the protocol: the line it wrote and why it is not a reply', async () => {
    const result = await judge('garbage', ['plain']);
    expect(result.errors).toEqual([expect.stringMatching(/^the testee broke the protocol on case \S+: it answered "this is not JSON", and it is not JSON/)]);
  });

  it('does not start: the command, not found', async () => {
    const result = await runClient(model, { command: ['/nonexistent/testee'], seed: 1, runs: 1, timeoutMs: 5_000, deadline: Date.now() + 30_000, strict: false, region: 'us-east-1', scenarios: ['slow'], replayBase: 'x' });
    expect(result.errors).toEqual([expect.stringMatching(/^the testee would not start \(\/nonexistent\/testee\): \/nonexistent\/testee: command not found/)]);
  });

  it('through the CLI: a hang is exit 2 within the deadline, with its message, and the reports are written', async () => {
    // Arrange: a per-case timeout far beyond the deadline, so the deadline must end it.
    const dir = join(root, 'test-output', `client-hang-${process.pid}`);

    // Act
    const result = await spawnCli(['client', '--seed', '3', '--runs', '1', '--scenario', 'plain', '--timeout', '60000', '--deadline', '8', '--report-dir', dir, '--', process.execPath, BROKEN, 'hang'], { killAfterMs: 40_000 });

    // Assert
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/the run did not finish within its deadline \(--deadline\): no reply yet on case \S+ \(3 of \d+\)/);
    // The hang is the third case: the two before it were judged and are in the report.
    expect(result.stdout).toMatch(/client .* 3 cases/);
    expect(result.stdout).toMatch(/exit code 2: the run could not complete/);
    expect(result.ms).toBeLessThan(25_000);
    expect(result.stdout).toMatch(/Reports: .*report\.html/);
  });

  // Each fails on its first case, so no check has failed: exit 2 comes from the process alone (a required
  // check that had already failed would make it 1, as for an endpoint: docs/running.md).
  const PROCESS_FAILURES: Array<{ name: string; command: string[]; error: RegExp }> = [
    {
      name: 'crashes',
      command: [process.execPath, BROKEN_PROCESS, 'crash'],
      error: /^the testee exited with code 3 before answering its first case \(did it start\? \S+ \S+brokenProcess\.mjs crash\)\. The end of its stderr: brokenProcess: crashing on purpose$/,
    },
    {
      name: 'writes garbage',
      command: [process.execPath, BROKEN_PROCESS, 'garbage'],
      error: /^the testee broke the protocol on case plain\/\S+: it answered "this is not JSON", and it is not JSON .*\. The end of its stderr: brokenProcess: writing garbage on purpose$/,
    },
    {
      name: 'does not start',
      command: ['/nonexistent/testee'],
      error: /^the testee would not start \(\/nonexistent\/testee\): \/nonexistent\/testee: command not found\. Its stderr was empty\.$/,
    },
  ];

  for (const { name, command, error } of PROCESS_FAILURES) {
    it(`through the CLI: a testee that ${name} is exit 2, the cause and its stderr in the message`, async () => {
      // Act
      const { result, report } = await clientCli(name.replace(/ /g, '-'), ['--seed', '5', '--runs', '1', '--scenario', 'plain', '--timeout', '3000', '--deadline', '20'], command);

      // Assert
      expect(result.code).toBe(2);
      expect(report.errors).toEqual([expect.stringMatching(error)]);
      expect(report).toMatchObject({ verdict: 'error', totals: { failedChecks: 0 } });
      expect(result.stdout).toMatch(/exit code 2: the run could not complete/);
      expect(result.ms).toBeLessThan(20_000);
    });
  }
});

describe.concurrent('through the CLI: known failures (--baseline) and the replay of one case (--case)', () => {
  it('--update-baseline writes the failure a broken testee has; with --baseline it then passes (exit 0) and reports it as known', async () => {
    // Arrange: the paginator that stops after one page fails the one case of the pages scenario.
    const dir = join(root, 'test-output', `client-baseline-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'known.yaml');
    const testee = [process.execPath, BROKEN, 'stops-after-one-page'];
    const flags = (seed: string) => ['--seed', seed, '--runs', '1', '--scenario', 'pages', '--timeout', '5000', '--deadline', '30'];

    // Act: without a baseline (the failure fails the run) and writing one, side by side; then another seed
    // against the file written, as CI runs it.
    const [bare, written] = await Promise.all([clientCli('baseline-none', flags('7'), testee), clientCli('baseline-update', [...flags('7'), '--baseline', file, '--update-baseline'], testee)]);
    const judged = await clientCli('baseline-judged', [...flags('8'), '--baseline', file], testee);

    // Assert
    expect(bare.result.code).toBe(1);
    expect(failing(bare.report)).toEqual(['paginator']);
    const fingerprint = bare.report.checks.find((c) => c.check === 'paginator')!.fingerprints![0]!.fingerprint;
    expect(written.result.code).toBe(0);
    expect(parse(readFileSync(file, 'utf8'))).toEqual({ known: [expect.objectContaining({ fingerprint, check: 'paginator', operation: 'ListProxySessions', family: 'pages/pages.ListProxySessions' })] });
    expect(judged.result.code).toBe(0);
    expect(judged.report).toMatchObject({ verdict: 'pass', errors: [], totals: { failedChecks: 0, knownFailures: 1 }, baseline: { file, fixed: [], notRun: 0 } });
    expect(judged.report.baseline!.updated).toBeUndefined();
    const paginator = judged.report.checks.find((c) => c.check === 'paginator')!;
    expect(paginator).toMatchObject({ failed: 1, fingerprints: [{ fingerprint, known: { match: 'fingerprint' } }] });
    expect(judged.result.stdout).toMatch(/known failure/);
  });

  it("a failure's replay line (--seed S --case ID) re-runs exactly that case, even one that only --runs 3 draws", async () => {
    // Arrange: a run at --runs 3 draws index 2 of the random family, which the default --runs 2 does not,
    // so a replay line without --runs 3 finds no such case (exit 2).
    const first = await clientCli('case-first', ['--seed', '9', '--runs', '3', '--scenario', 'plain', '--timeout', '5000', '--deadline', '60'], [process.execPath, BROKEN, 'extra-body-member']);
    expect(first.result.code).toBe(1);
    const original = first.report.checks.find((c) => c.check === 'body')!.failures.find((f) => f.replayPath === 'plain/accept.random/2')!;
    expect(original.replay).toBe(`npx conformance client --runs 3 --timeout 5000 --seed 9 --case plain/accept.random/2 -- ${process.execPath} ${BROKEN} extra-body-member`);

    // Act: the replay line as printed (its words need no shell quoting, checked above), with a report dir.
    const words = original.replay!.replace(/^npx conformance client /, '').split(' ');
    const dash = words.indexOf('--');
    const replayed = await clientCli('case-replay', words.slice(0, dash), words.slice(dash + 1));

    // Assert: one case, the same one (the same line to the testee but for its id), failing the same way.
    expect(replayed.result.code).toBe(1);
    expect(replayed.report.errors).toEqual([]);
    expect(replayed.report.suites).toEqual([expect.objectContaining({ cases: 1, requests: 1, families: [expect.objectContaining({ id: 'plain/accept.random', cases: 1, failed: 1 })] })]);
    expect(failing(replayed.report)).toEqual(['body']);
    const again = replayed.report.checks.find((c) => c.check === 'body')!.failures;
    expect(again).toEqual([expect.objectContaining({ replayPath: original.replayPath, fingerprint: original.fingerprint, expected: original.expected })]);
    const { id: _firstId, ...asked } = JSON.parse(original.testee!.sent) as Record<string, unknown>;
    const { id: _againId, ...askedAgain } = JSON.parse(again[0]!.testee!.sent) as Record<string, unknown>;
    expect(askedAgain).toEqual(asked);
  });
});
