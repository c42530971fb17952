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
