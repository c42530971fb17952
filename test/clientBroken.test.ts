import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runClient, type ClientRunOptions, type ClientRunResult } from '../client/index.ts';
import type { RunReport } from '../src/model/report.ts';
import { defaultOperation } from '../src/spec/index.ts';
import { root, spawnCli } from './support/spawnCli.ts';

/**
 * Every check of `conformance client` can fail: each deliberately broken testee (test/fixtures/testees/
 * brokenNode.mjs: the bundled Node testee with one defect) fails exactly the check that names its defect,
 * under the scenarios that meet it; and a testee that crashes, hangs, breaks the protocol or does not start
 * ends the run with an error that says which (exit 2), within --timeout and the deadline. The bundled
 * testees passing (no false positives) is test/clientBundled.test.ts.
 */

const model = defaultOperation();
const BROKEN = join(root, 'test', 'fixtures', 'testees', 'brokenNode.mjs');

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

/** The checks that failed and may fail a run (advisory findings apart), sorted. */
function failing(result: Pick<ClientRunResult, 'checks'>): string[] {
  return result.checks.filter((c) => c.failed > 0 && c.strength !== 'advisory').map((c) => c.check).sort();
}

/**
 * `cli`: judged in a runner process of its own, as users run it, because the check is about timing: in
 * this process, other tests' runs would hold up the emulator's event loop and blur the waits it measures.
 */
const DEFECTS: Array<{ defect: string; check: string; scenarios: string[]; strict?: boolean; cli?: true }> = [
  { defect: 'trailing-slash', check: 'method-and-path', scenarios: ['plain'] },
  { defect: 'plus-for-space', check: 'label-encoding', scenarios: ['plain'] },
  { defect: 'camel-case-query', check: 'query', scenarios: ['plain', 'pages'] },
  { defect: 'no-content-type', check: 'headers', scenarios: ['plain'] },
  { defect: 'extra-body-member', check: 'body', scenarios: ['plain'] },
  { defect: 'bad-signature', check: 'sigv4', scenarios: ['plain', 'throttled'] },
  { defect: 'refuses-empty-name', check: 'accepts-valid-input', scenarios: ['plain'] },
  { defect: 'retries-client-errors', check: 'retries-only-retryable', scenarios: ['error-BadRequestException', 'error-NotFoundException'] },
  { defect: 'gives-up-at-once', check: 'retries-retryable', scenarios: ['throttled', 'unavailable'] },
  { defect: 'too-many-attempts', check: 'attempts-bounded', scenarios: ['error-ServiceUnavailableException'] },
  { defect: 'no-backoff', check: 'backoff', scenarios: ['plain', 'throttled', 'unavailable', 'server-fault', 'reset', 'error-ServiceUnavailableException', 'error-ServiceFailureException', 'error-ThrottledClientException'], cli: true },
  { defect: 'ignores-retry-after', check: 'honours-retry-after', scenarios: ['throttled-retry-after'], strict: true, cli: true },
  { defect: 'stops-after-one-page', check: 'paginator', scenarios: ['pages'] },
  { defect: 'timestamps-an-hour-off', check: 'output-read', scenarios: ['unknown-members'] },
  { defect: 'names-from-code', check: 'error-read', scenarios: ['error-NotFoundException', 'error-ThrottledClientException'] },
];

describe.concurrent('each broken testee fails exactly the check that names its defect', () => {
  it('every check of spec /clients/checks but the advisory one has a broken testee here', () => {
    const required = model.spec.clients!.checks.filter((c) => c.strength !== 'advisory').map((c) => c.id).sort();
    expect(DEFECTS.map((d) => d.check).sort()).toEqual(required);
  });

  for (const { defect, check, scenarios, strict, cli } of DEFECTS) {
    it(`${defect} → ${check}${cli ? ' (through the CLI)' : ''}`, async () => {
      // Act
      const result = cli ? await judgeThroughCli(defect, scenarios, strict ?? false) : await judge(defect, scenarios, { strict: strict ?? false });

      // Assert
      expect(result.errors).toEqual([]);
      expect(failing(result)).toEqual([check]);
      const failure = result.checks.find((c) => c.check === check)!.failures[0]!;
      // Each failure carries the case, the requests, the answers and the testee's lines.
      expect(failure.testee?.sent).toMatch(/^\{"id":/);
      expect(failure.replay).toMatch(new RegExp(`^npx conformance client( --strict)? --seed 20261207 --case \\S+ -- \\S+ \\S+ ${defect}$`));
      expect(failure.fingerprint).toMatch(/^[0-9a-f]{12}$/);
    });
  }

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
});
