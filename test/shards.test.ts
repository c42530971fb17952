import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_VOICE_CONNECTOR_ID, startEmulator, type RunningEmulator } from '../emulator/index.ts';
import { buildRequest } from '../src/protocol/index.ts';
import type { RunReport } from '../checks/index.ts';
import { defaultOperation } from '../src/spec/index.ts';
import { plan } from '../engine/runGroup.ts';
import { shardOf } from '../engine/shardOf.ts';
import { suiteGroups } from '../engine/suiteGroups.ts';
import { recordingProxy, spawnCli, type CliResult, type Recorded } from './support/spawnCli.ts';

/**
 * --shard I/N and merge-reports: the shards of a run hold exactly the cases of the unsharded run with the
 * same seed, each once, and their merged report says what the unsharded report says.
 */

const model = defaultOperation();
const scratch = mkdtempSync(join(tmpdir(), 'conformance-shards-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** (family, request body) of every request of every planned case, sorted: what a run would send, as data. */
function plannedRequests(options: Parameters<typeof plan>[1]): string[] {
  return suiteGroups
    .flatMap((g) => plan(g.families(model, { voiceConnectorId: DEFAULT_VOICE_CONNECTOR_ID }), options))
    .flatMap((p) => p.value.steps.map((step) => `${p.family.id} ${p.index} ${buildRequest(model, 'http://x', step).body}`))
    .sort();
}

describe('sharding the plan', () => {
  const seed = 20260115;

  it('the shards of a seed hold exactly the unsharded cases, each in one shard, whatever the number of shards', () => {
    const all = plannedRequests({ seed, runs: 4 });
    expect(all.length).toBeGreaterThan(500);
    for (const count of [1, 4, 7]) {
      const shards = Array.from({ length: count }, (_, i) => plannedRequests({ seed, runs: 4, shard: { index: i + 1, count } }));
      expect(shards.flat().sort(), `${count} shards`).toEqual(all);
      // Roughly even: no shard holds less than half its fair share.
      for (const s of shards) expect(s.length).toBeGreaterThan(all.length / count / 2);
    }
  });

  it('the same seed gives the same split; the split does not depend on the seed', () => {
    const shard = { index: 2, count: 4 };
    expect(plannedRequests({ seed, runs: 3, shard })).toEqual(plannedRequests({ seed, runs: 3, shard }));
    const indexes = (s: number) => plannedRequests({ seed: s, runs: 3, shard }).map((r) => r.split(' ').slice(0, 2).join(' '));
    expect(indexes(1)).toEqual(indexes(2));
    expect(shardOf('accept.random', 0, 4)).toBe(shardOf('accept.random', 0, 4));
  });
});

describe('4 shards merged against one unsharded run (the CLI, through a recording proxy)', () => {
  const seed = 424242;
  const emulators: RunningEmulator[] = [];
  let unsharded: { result: CliResult; report: RunReport; posts: Recorded[]; dir: string };
  let shards: { result: CliResult; report: RunReport; posts: Recorded[]; dir: string }[];
  let merge: CliResult;
  let merged: RunReport;

  /**
   * One run through its own proxy to its own emulator; the first POST it sends is its preflight, which every
   * shard repeats. Its own emulator, because a run that lists sessions follows NextToken over every session
   * on the connector: a concurrent run's sessions add pages, and so requests.
   */
  async function run(name: string, extra: string[]): Promise<{ result: CliResult; report: RunReport; posts: Recorded[]; dir: string }> {
    const emulator = await startEmulator({ model });
    emulators.push(emulator);
    const proxy = await recordingProxy(emulator.url);
    const dir = join(scratch, name);
    try {
      // --no-sdk: sdk-parses probes each family's named error once per suite run, so a shard probes again
      // what another shard already did; without the SDK every count must match exactly.
      const result = await spawnCli(['--endpoint', proxy.url, '--voice-connector-id', emulator.voiceConnectorId!, '--seed', String(seed), '--runs', '1', '--no-sdk', '--report-dir', dir, ...extra]);
      const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as RunReport;
      return { result, report, posts: proxy.recorded.filter((r) => r.method === 'POST').slice(1), dir };
    } finally {
      await proxy.close();
    }
  }

  beforeAll(async () => {
    [unsharded, ...shards] = await Promise.all([run('unsharded', []), ...[1, 2, 3, 4].map((i) => run(`shard-${i}`, ['--shard', `${i}/4`]))]);
    merge = await spawnCli(['merge-reports', join(scratch, 'merged'), ...shards.map((s) => s.dir).reverse()]);
    merged = JSON.parse(readFileSync(join(scratch, 'merged', 'report.json'), 'utf8')) as RunReport;
  }, 50_000);
  afterAll(() => Promise.all(emulators.map((e) => e.close())));

  it('every run passes, each shard says which it is, and the merge exits 0', () => {
    expect(unsharded.result.code, unsharded.result.stderr).toBe(0);
    for (const [i, s] of shards.entries()) {
      expect(s.result.code, s.result.stderr).toBe(0);
      expect(s.report.shard).toEqual({ index: i + 1, count: 4 });
      expect(s.result.stdout).toContain(`Shard ${i + 1} of 4 (seed ${seed})`);
      expect(s.report.totals.cases).toBeGreaterThan(0);
      expect(s.report.totals.cases).toBeLessThan(unsharded.report.totals.cases);
    }
    expect(unsharded.report.shard).toBeUndefined();
    expect(merge.code, merge.stderr).toBe(0);
    expect(merge.stdout).toContain('PASS');
    expect(merge.stdout).toContain('Merged shards 1, 2, 3, 4 of 4');
    expect(merged.mergedShards).toEqual({ count: 4, indexes: [1, 2, 3, 4] });
    expect(merged.verdict).toBe('pass');
  });

  it('the merged report has the same checks, counts, cases and families as the unsharded run', () => {
    const counts = (r: RunReport) => Object.fromEntries(r.checks.map((c) => [`${c.suite}/${c.check}`, [c.strength, c.cases, c.passed, c.failed, c.skipped]]));
    expect(counts(merged)).toEqual(counts(unsharded.report));
    const families = (r: RunReport) => r.suites.flatMap((s) => (s.families ?? []).map((f) => `${s.suite} ${f.id} ${f.cases} ${f.failed}`)).sort();
    expect(families(merged)).toEqual(families(unsharded.report));
    expect(merged.suites.map((s) => [s.suite, s.cases, s.requests])).toEqual(unsharded.report.suites.map((s) => [s.suite, s.cases, s.requests]));
    expect(merged.totals).toEqual(unsharded.report.totals);
  });

  it('the shards sent the same requests as the unsharded run, on the wire', () => {
    // Session ids are the server's: an Update of "the session it created" is the same request in both runs.
    const key = (r: Recorded) => `${r.path.replace(/\/proxy-sessions\/[^/?]+/, '/proxy-sessions/{id}')} ${r.body}`;
    const sharded = shards.flatMap((s) => s.posts.map(key)).sort();
    expect(sharded.length).toBeGreaterThan(200);
    expect(sharded).toEqual(unsharded.posts.map(key).sort());
  });

  it('merge-reports refuses what is not the shards of one run, exit 2 with one readable line', async () => {
    const [twice, mixed, missing, partial] = await Promise.all([
      spawnCli(['merge-reports', join(scratch, 'bad-1'), shards[0]!.dir, shards[0]!.dir]),
      spawnCli(['merge-reports', join(scratch, 'bad-2'), unsharded.dir, shards[1]!.dir]),
      spawnCli(['merge-reports', join(scratch, 'bad-3'), join(scratch, 'nowhere')]),
      // Three of four shards: merged, but the missing one makes it an error (its cases were not tested).
      spawnCli(['merge-reports', join(scratch, 'partial'), ...shards.slice(0, 3).map((s) => s.dir)]),
    ]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/^conformance: each shard must be merged once: .*shard-1 and .*shard-1 are all shard 1 of 4\n$/);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/^conformance: .*unsharded is not the report of a shard \(run with --shard I\/N\)/);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^conformance: .*nowhere\/report\.json does not exist/);
    expect(partial.code).toBe(2);
    expect(partial.stdout).toContain('shard 4 of 4 is missing');
  });
});
