import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.ts';
import type { FailureRecord, RunReport } from '../checks/index.ts';
import { spawnCli, type CliResult } from './support/spawnCli.ts';

/**
 * `conformance replay FAILURE_ID` end to end, and a run on GitHub Actions: a sharded run against a faulty
 * emulator (GITHUB_ACTIONS=true, a job summary file), then replays of its failures.
 */

const scratch = mkdtempSync(join(tmpdir(), 'conformance-replay-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const readReport = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as RunReport;
const failuresOf = (report: RunReport): FailureRecord[] => report.checks.flatMap((c) => c.failures);
/** A copy of a report directory: tests that run at once must not write the same DIR/replay-ID. */
const copyOf = (dir: string, name: string) => {
  const copy = join(scratch, name);
  cpSync(join(dir, 'report.json'), join(copy, 'report.json'));
  return copy;
};

describe('a sharded run against a faulty emulator (success-200), on GitHub Actions, then replay', () => {
  const seed = -31;
  const dir = join(scratch, 'faulty');
  const summaryFile = join(scratch, 'step-summary.md');
  let faulty: RunningEmulator;
  let reference: RunningEmulator;
  let first: CliResult;
  let report: RunReport;
  let reportText: string;
  let failure: FailureRecord;

  beforeAll(async () => {
    [faulty, reference] = await Promise.all([startEmulator({ faults: ['success-200'] }), startEmulator({})]);
    writeFileSync(summaryFile, '');
    first = await spawnCli(['--endpoint', faulty.url, '--voice-connector-id', faulty.voiceConnectorId!, '--suite', 'acceptance', '--runs', '2', '--seed', String(seed), '--shard', '1/2', '--report-dir', dir], {
      env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile },
    });
    reportText = readFileSync(join(dir, 'report.json'), 'utf8');
    report = readReport(dir);
    failure = report.checks.find((c) => c.check === 'status-code')!.failures[0]!;
  });
  afterAll(() => Promise.all([faulty?.close(), reference?.close()]));

  it('fails (exit 1), records its shard, and its replay lines do not repeat --shard', () => {
    expect(first.code, first.stderr).toBe(1);
    expect(report.shard).toEqual({ index: 1, count: 2 });
    expect(failuresOf(report).length).toBeGreaterThan(0);
    for (const f of failuresOf(report)) {
      expect(f.replay).not.toContain('--shard');
      expect(f.replay).toContain(`--seed ${seed} --family ${f.family} --path ${f.replayPath}`);
    }
  });

  it('prints one ::error annotation per failing required check, and appends a Markdown job summary', () => {
    const annotations = first.stdout.split('\n').filter((l) => l.startsWith('::'));
    const failing = [...new Set(report.checks.filter((c) => c.failed > 0 && c.strength === 'required').map((c) => c.check))];
    expect(failing).toContain('status-code');
    expect(annotations.map((l) => /^::error title=conformance%3A (\S+) failed::/.exec(l)?.[1])).toEqual(failing);
    const status = annotations.find((l) => l.startsWith('::error title=conformance%3A status-code failed::'))!;
    expect(status).toContain('%0AReplay: npx conformance --endpoint');
    expect(status).toContain(`npx conformance replay ${failure.id}`);
    const summary = readFileSync(summaryFile, 'utf8');
    expect(summary).toMatch(/^## ❌ Conformance CreateProxySession: FAIL/);
    expect(summary).toContain('shard 1 of 2');
    expect(summary).toMatch(/^\| ❌ \| status-code \| acceptance \| required \|/m);
    expect(summary).toContain(`\`\`\`sh\n${failure.replay}\n\`\`\``);
  });

  it.concurrent('replay FAILURE_ID re-sends exactly that case, reproduces the failure (exit 1) and leaves the original report alone', async () => {
    const replay = await spawnCli(['replay', failure.id, '--report-dir', dir]);
    expect(replay.code, replay.stderr).toBe(1);
    expect(replay.stderr).toBe('');
    expect(replay.stdout).toContain(`Replaying failure ${failure.id} (status-code in suite acceptance)`);
    expect(replay.stdout).toMatch(/REPLAY .*✗ reproduced/s);
    expect(replay.stdout).toContain(`POST ${failure.request.url}`);
    expect(replay.stdout).toMatch(/Replay verdict FAIL {2}exit code 1/);
    const again = readReport(join(dir, `replay-${failure.id}`));
    expect(again.totals.cases).toBe(1);
    expect(again.shard).toBeUndefined();
    const same = failuresOf(again).find((f) => f.id === failure.id)!;
    expect(same).toBeDefined();
    expect(same.request.body).toBe(failure.request.body);
    expect(same.request.url).toBe(failure.request.url);
    expect(same.response?.status).toBe(200);
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe(reportText);
  });

  it.concurrent('replay --endpoint URL --voice-connector-id ID replays the case elsewhere: at the reference emulator it passes (exit 0)', async () => {
    const out = join(scratch, 'elsewhere');
    const replay = await spawnCli(['replay', failure.id.slice(0, 6), '--report-dir', dir, '--endpoint', reference.url, '--voice-connector-id', reference.voiceConnectorId!, '--out', out]);
    expect(replay.code, replay.stderr).toBe(0);
    expect(replay.stdout).toContain('not reproduced');
    expect(replay.stdout).toContain(`POST ${failure.request.url}`);
    const again = readReport(out);
    expect(again.endpoint).toBe(reference.url);
    expect(again.totals.cases).toBe(1);
  });

  it.concurrent('replay --all REPORT_DIR replays every failure of the report, says which were reproduced, exit 1', async () => {
    const ids = new Set(report.checks.flatMap((c) => c.failures.map((f) => f.id)));
    const all = await spawnCli(['replay', '--all', copyOf(dir, 'all-faulty')], { killAfterMs: 120_000 });
    expect(all.code, all.stderr).toBe(1);
    for (const id of ids) expect(all.stdout).toMatch(new RegExp(`reproduced +${id}`));
    expect(all.stdout).toContain(`${ids.size} reproduced, 0 passed now`);
  }, 150_000);

  it.concurrent('replay --all against the reference emulator: nothing is reproduced, exit 0', async () => {
    const all = await spawnCli(['replay', '--all', copyOf(dir, 'all-reference'), '--endpoint', reference.url, '--voice-connector-id', reference.voiceConnectorId!], { killAfterMs: 120_000 });
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toContain('0 reproduced');
  }, 150_000);

  it.concurrent('a failure of an embedded run replays against a freshly started embedded emulator', async () => {
    // The same report as if the run had used the embedded emulator: its replay lines name no endpoint.
    const embeddedDir = join(scratch, 'embedded');
    mkdirSync(embeddedDir, { recursive: true });
    const embedded = {
      ...report,
      target: 'embedded',
      checks: report.checks.map((c) => ({ ...c, failures: c.failures.map((f) => ({ ...f, replay: f.replay.replace(/ --endpoint \S+ --voice-connector-id \S+/, '') })) })),
    };
    writeFileSync(join(embeddedDir, 'report.json'), JSON.stringify(embedded));
    const replay = await spawnCli(['replay', failure.id, '--report-dir', embeddedDir]);
    expect(replay.code, replay.stderr).toBe(0);
    expect(replay.stdout).toContain('against the bundled reference emulator');
    const again = readReport(join(embeddedDir, `replay-${failure.id}`));
    expect(again.target).toBe('embedded');
    expect(again.totals.cases).toBe(1);
  });

  it('an unknown id is a usage error (exit 2) that lists the ids there are', async () => {
    const replay = await spawnCli(['replay', 'nope', '--report-dir', dir]);
    expect(replay.code).toBe(2);
    expect(replay.stdout).toBe('');
    expect(replay.stderr).toMatch(new RegExp(`^conformance: no failure with id "nope" in .*report\\.json; its failures are .*${failure.id}`));
    expect(existsSync(join(dir, 'replay-nope'))).toBe(false);
  });
});
