import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../checks/index.ts';
import { startEmulator, type RunningEmulator } from '../emulator/index.ts';
import { PASSES_TO_LEAVE, type SavedCase } from '../cli/failureCorpus.ts';
import { spawnCli } from './support/spawnCli.ts';

/** The failure corpus: failing cases saved, replayed first by the next run whatever its seed, gone once fixed. */
let faulty: RunningEmulator;
let fixed: RunningEmulator;
beforeAll(async () => {
  [faulty, fixed] = await Promise.all([startEmulator({ faults: ['success-200'] }), startEmulator({})]);
});
afterAll(() => Promise.all([faulty.close(), fixed.close()]));

const scratch = mkdtempSync(join(tmpdir(), 'conformance-corpus-'));
const corpus = join(scratch, 'corpus');
const saved = () => (JSON.parse(readFileSync(join(corpus, 'cases.json'), 'utf8')) as { cases: SavedCase[] }).cases;

async function run(target: RunningEmulator, seed: number) {
  const reportDir = mkdtempSync(join(scratch, 'report-'));
  const result = await spawnCli(['--endpoint', target.url, '--voice-connector-id', target.voiceConnectorId!, '--seed', String(seed), '--suite', 'acceptance', '--runs', '2', '--reruns', '0', '--corpus', corpus, '--report-dir', reportDir]);
  return { ...result, report: JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as RunReport };
}

describe('the failure corpus', () => {
  it('saves failing cases, replays them first under another seed, and lets them go after they pass', async () => {
    const first = await run(faulty, 1);
    expect(first.code).toBe(1);
    const entries = saved();
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.seed === 1 && e.passes === 0)).toBe(true);

    // Another seed: the saved cases run first, fail again, and the report shows them with their own seed.
    const second = await run(faulty, 2);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain(`replayed ${entries.length} saved failing case(s) first; ${entries.length} failed again`);
    const seeds = new Set(second.report.checks.flatMap((c) => c.failures.map((f) => f.seed)));
    expect(seeds).toContain(1);
    expect(second.report.totals.cases).toBe(first.report.totals.cases + entries.length);

    // Fixed: each clean run counts a pass; after PASSES_TO_LEAVE in a row the saved cases leave.
    for (let n = 1; n <= PASSES_TO_LEAVE; n++) {
      const clean = await run(fixed, 100 + n);
      expect(clean.code).toBe(0);
      const left = saved().filter((e) => entries.some((o) => o.key === e.key));
      if (n < PASSES_TO_LEAVE) expect(left.every((e) => e.passes === n)).toBe(true);
      else expect(left).toEqual([]);
    }
  }, 180_000);

  it('--no-corpus neither replays nor saves', async () => {
    const reportDir = mkdtempSync(join(scratch, 'report-'));
    const result = await spawnCli(['--endpoint', faulty.url, '--voice-connector-id', faulty.voiceConnectorId!, '--suite', 'acceptance', '--runs', '1', '--reruns', '0', '--no-corpus', '--report-dir', reportDir]);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('Corpus:');
  });
});

describe('the failure corpus of the lifecycle suite (a shrunk sequence)', () => {
  // Get answers another number for the second participant: read-after-create, a sequence invariant, fails
  // on any sequence that reads a session it created. At --runs 1 (3 sequences) seed 7 draws one, seed 1 none.
  let wrongReads: RunningEmulator;
  beforeAll(async () => {
    wrongReads = await startEmulator({ faults: ['get-wrong-participants'] });
  });
  afterAll(() => wrongReads?.close());
  const sequences = join(scratch, 'lifecycle-corpus');

  async function lifecycle(seed: number, extra: string[] = []) {
    const reportDir = mkdtempSync(join(scratch, 'report-'));
    const result = await spawnCli(['--endpoint', wrongReads.url, '--voice-connector-id', wrongReads.voiceConnectorId!, '--seed', String(seed), '--suite', 'lifecycle', '--runs', '1', '--reruns', '0', '--report-dir', reportDir, ...extra]);
    return { ...result, report: JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as RunReport };
  }
  /** Every failure of the run, with the suite of its check. */
  const failuresOf = (report: RunReport) => report.checks.flatMap((c) => c.failures.map((f) => ({ ...f, suite: c.suite })));

  it('saves the shrunk failing sequence; a run with another seed replays it first and fails the same check', async () => {
    // Act 1 (a corpus of its own, apart from the acceptance cases above): the failing sequence is found,
    // shrunk and saved with the seed and path that regenerate it.
    const first = await lifecycle(7, ['--corpus', sequences]);
    expect(first.code, first.stdout + first.stderr).toBe(1);
    const [found, ...more] = failuresOf(first.report);
    expect(more).toEqual([]);
    expect(found).toMatchObject({ suite: 'lifecycle', check: 'read-after-create', family: 'lifecycle.sequences', seed: 7, shrunk: true });
    expect(found!.sequence!.map((s) => s.operation)).toEqual(['CreateProxySession', 'GetProxySession']);
    const entries = (JSON.parse(readFileSync(join(sequences, 'cases.json'), 'utf8')) as { cases: SavedCase[] }).cases;
    expect(entries).toEqual([expect.objectContaining({ family: 'lifecycle.sequences', seed: 7, path: found!.replayPath, caseDigest: found!.caseDigest, check: 'read-after-create', fingerprint: found!.fingerprint, passes: 0 })]);

    // Act 2: seed 1 fails only by the saved sequence (its own sequences fail nothing), replayed as shrunk.
    const second = await lifecycle(1, ['--corpus', sequences]);
    expect(second.code, second.stdout + second.stderr).toBe(1);
    expect(second.stdout).toContain('Corpus: replayed 1 saved failing case(s) first; 1 failed again.');
    const [again, ...others] = failuresOf(second.report);
    expect(others).toEqual([]);
    expect(again).toMatchObject({ id: found!.id, check: 'read-after-create', fingerprint: found!.fingerprint, seed: 7, replayPath: found!.replayPath, shrunk: false });
    expect(again!.sequence!.map((s) => s.operation)).toEqual(['CreateProxySession', 'GetProxySession']);
    expect(again!.replay).toContain(`--seed 7 --family lifecycle.sequences --path ${found!.replayPath} --case-digest ${found!.caseDigest}`);
    expect(second.report.totals.cases).toBe(first.report.totals.cases + 1);
    // Failed again: it stays, its count of passes in a row still 0.
    expect((JSON.parse(readFileSync(join(sequences, 'cases.json'), 'utf8')) as { cases: SavedCase[] }).cases).toEqual(entries);
  }, 60_000);
});
