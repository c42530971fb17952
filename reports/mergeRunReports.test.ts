import { describe, expect, it } from 'vitest';
import type { CheckSummary, RunReport } from '../src/model/report.ts';
import { failingReport, gatedReport, passingReport } from './_fixtures.ts';
import { mergeRunReports, ReportMergeError } from './mergeRunReports.ts';

function asShard(report: RunReport, index: number, count: number, extra: Partial<RunReport> = {}): RunReport {
  return { ...report, shard: { index, count }, ...extra };
}

/** A second shard of failingReport(): the same suites and checks, other counts and examples. */
function otherShardOfFailing(): RunReport {
  const base = failingReport();
  const checks: CheckSummary[] = base.checks.map((c) => {
    if (c.check !== 'status.reject-400') return { ...c, cases: 10, passed: 10, failed: 0, skipped: 0, failures: [] };
    const [shrunk, example] = c.failures;
    return { ...c, cases: 10, passed: 8, failed: 2, skipped: 0, failures: [{ ...example!, seed: example!.seed }, { ...shrunk!, id: 'f-other-shrunk', replayPath: '3:1' }] };
  });
  return { ...base, checks, startedAt: '2026-01-15T09:30:01.000Z', durationMs: 5_000, suites: base.suites.map((s) => ({ ...s, cases: 10, requests: 12, durationMs: 900 })) };
}

describe('mergeRunReports', () => {
  it('sums suites and checks, keeps one example per failure id with shrunk ones first, and recomputes the verdict', () => {
    const a = asShard(failingReport(), 1, 2);
    const b = asShard(otherShardOfFailing(), 2, 2);
    const before = structuredClone([a, b]);
    const merged = mergeRunReports([b, a]);
    expect([a, b], 'inputs are not modified').toEqual(before);

    expect(merged.shard).toBeUndefined();
    expect(merged.mergedShards).toEqual({ count: 2, indexes: [1, 2] });
    expect(merged.seed).toBe(a.seed);
    expect(merged.suites.map((s) => s.suite)).toEqual(a.suites.map((s) => s.suite));
    for (const s of merged.suites) {
      const [sa, sb] = [a, b].map((r) => r.suites.find((x) => x.suite === s.suite)!);
      expect(s.cases).toBe(sa!.cases + sb!.cases);
      expect(s.requests).toBe(sa!.requests + sb!.requests);
      // Side by side: the slowest shard's duration.
      expect(s.durationMs).toBe(Math.max(sa!.durationMs, sb!.durationMs));
    }
    expect(merged.checks.map((c) => `${c.suite}/${c.check}`)).toEqual(a.checks.map((c) => `${c.suite}/${c.check}`));
    const status = merged.checks.find((c) => c.check === 'status.reject-400')!;
    const [sa, sb] = [a, b].map((r) => r.checks.find((c) => c.check === 'status.reject-400')!);
    expect([status.cases, status.passed, status.failed, status.skipped]).toEqual([sa!.cases + sb!.cases, sa!.passed + sb!.passed, sa!.failed + sb!.failed, sa!.skipped + sb!.skipped]);
    expect(status.failures.map((f) => [f.id, f.shrunk])).toEqual([
      ['f-7c2e91a0', true],
      ['f-other-shrunk', true],
      ['f-7c2e91a1', false],
    ]);
    expect(merged.verdict).toBe('fail');
    expect(merged.totals.cases).toBe([...a.suites, ...b.suites].reduce((n, s) => n + s.cases, 0));
    expect(merged.totals.checks).toBe(a.checks.length);
    expect(merged.totals.failedChecks).toBe(a.totals.failedChecks);
    // From the first start to the last end: shard 2 started 1 s later and took 5 s.
    expect(merged.startedAt).toBe('2026-01-15T09:30:00.000Z');
    expect(merged.durationMs).toBe(6_000);
  });

  it('passes when every shard passes, and a failing shard fails the merged run', () => {
    const pass = passingReport();
    expect(mergeRunReports([asShard(pass, 1, 2), asShard(pass, 2, 2)]).verdict).toBe('pass');
    const failing = { ...pass, checks: pass.checks.map((c, i) => (i === 1 ? { ...c, passed: c.passed - 1, failed: 1 } : c)) };
    const merged = mergeRunReports([asShard(pass, 1, 2), asShard(failing, 2, 2)]);
    expect(merged.verdict).toBe('fail');
    expect(merged.totals.failedChecks).toBe(1);
  });

  it('merges families by id and sums latency histograms (max exact, quantiles from the merged histogram)', () => {
    const pass = passingReport();
    const withLatency = (histogram: { le: number; count: number }[], max: number, families: { id: string; cases: number; failed: number }[]): RunReport => ({
      ...pass,
      suites: pass.suites.map((s) => ({
        ...s,
        requests: histogram.reduce((n, b) => n + b.count, 0),
        latencyHistogram: histogram,
        latencyMs: { p50: 1, p90: 2, p99: 2, max },
        families: families.map((f) => ({ ...f, title: `family ${f.id}`, kind: 'accept' })),
      })),
    });
    const a = withLatency([{ le: 1, count: 4 }, { le: 2, count: 0 }, { le: 4, count: 0 }], 0.9, [{ id: 'f1', cases: 2, failed: 1 }, { id: 'f2', cases: 0, failed: 0 }]);
    const b = withLatency([{ le: 1, count: 0 }, { le: 2, count: 2 }, { le: 4, count: 2 }], 3.5, [{ id: 'f1', cases: 1, failed: 0 }, { id: 'f2', cases: 3, failed: 2 }]);
    const suite = mergeRunReports([asShard(a, 1, 2), asShard(b, 2, 2)]).suites[0]!;
    expect(suite.latencyHistogram).toEqual([{ le: 1, count: 4 }, { le: 2, count: 2 }, { le: 4, count: 2 }]);
    expect(suite.latencyMs.max).toBe(3.5);
    // 8 latencies: 4 at most 1 ms, 2 in (1, 2], 2 in (2, 3.5]. The median (rank 5) is in the second bucket.
    expect(suite.latencyMs.p50).toBeGreaterThan(1);
    expect(suite.latencyMs.p50).toBeLessThanOrEqual(2);
    expect(suite.latencyMs.p99).toBeGreaterThan(2);
    expect(suite.latencyMs.p99).toBeLessThanOrEqual(3.5);
    expect(suite.families).toEqual([
      { id: 'f1', title: 'family f1', kind: 'accept', cases: 3, failed: 1 },
      { id: 'f2', title: 'family f2', kind: 'accept', cases: 3, failed: 2 },
    ]);
  });

  it('names the shard of every error, and a missing shard makes the merged verdict an error', () => {
    const pass = passingReport();
    const broken = { ...pass, errors: ['acceptance: the suite crashed'], verdict: 'error' as const };
    const merged = mergeRunReports([asShard(pass, 1, 3), asShard(broken, 3, 3)]);
    expect(merged.verdict).toBe('error');
    expect(merged.errors).toEqual(['shard 3/3: acceptance: the suite crashed', 'shard 2 of 3 is missing: its cases are not in this report']);
    expect(merged.mergedShards).toEqual({ count: 3, indexes: [1, 3] });
  });

  it('a run whose shards all held no case is an error: nothing was tested', () => {
    const pass = passingReport();
    const empty = { ...pass, suites: pass.suites.map((s) => ({ ...s, cases: 0, requests: 0 })) };
    const merged = mergeRunReports([asShard(empty, 1, 2), asShard(empty, 2, 2)]);
    expect(merged.verdict).toBe('error');
    expect(merged.errors.join('\n')).toMatch(/no case ran in any shard/);
  });

  it('refuses reports that are not shards of one run, saying what differs and where', () => {
    const pass = passingReport();
    const merge = (reports: RunReport[]) => () => mergeRunReports(reports, reports.map((_, i) => `shard-dir-${i + 1}`));
    expect(merge([pass, asShard(pass, 2, 2)])).toThrow(/shard-dir-1 is not the report of a shard/);
    expect(merge([asShard(pass, 1, 2), asShard({ ...pass, seed: 99 }, 2, 2)])).toThrow(/seed differs \(shard-dir-1: 1234567, shard-dir-2: 99\)/);
    expect(merge([asShard(pass, 1, 2), asShard({ ...pass, runs: 5, target: 'external' }, 2, 2)])).toThrow(/runs differs .*; target kind differs \(shard-dir-1: embedded, shard-dir-2: external\)/);
    expect(merge([asShard(pass, 1, 2), asShard(pass, 2, 3)])).toThrow(/shard count differs/);
    expect(merge([asShard(pass, 1, 2), asShard({ ...pass, operation: 'Other' }, 2, 2)])).toThrow(/operation differs/);
    expect(merge([asShard(pass, 2, 2), asShard(pass, 2, 2)])).toThrow(/shard-dir-1 and shard-dir-2 are all shard 2 of 2/);
    expect(merge([asShard(pass, 1, 2), asShard({ ...pass, suites: pass.suites.slice(1) }, 2, 2)])).toThrow(/the shards ran different suites/);
    const strict = { ...pass, checks: pass.checks.map((c, i) => (i === 0 ? { ...c, strength: 'opt-in' as const } : c)) };
    expect(merge([asShard(pass, 1, 2), asShard(strict, 2, 2)])).toThrow(/required in shard-dir-1 but opt-in in shard-dir-2: .*--strict/);
    expect(() => mergeRunReports([])).toThrow(ReportMergeError);
  });

  it('keeps excluded checks excluded, the family selection, and which shards stopped early; refuses shards that judged different checks', () => {
    const gated = gatedReport();
    const merged = mergeRunReports([asShard(gated, 1, 2), asShard({ ...gated, stoppedEarly: undefined }, 2, 2)]);
    expect(merged.checks.find((c) => c.check === 'error.shape')).toMatchObject({ excluded: 'excluded by --exclude-check', failed: 0 });
    expect(merged.familySelection).toEqual(gated.familySelection);
    expect(merged.stoppedEarly).toEqual({ by: 'time-budget', message: 'shard 1/2: the time budget was spent (--time-budget 2 s): no new case was started after it; what ran is judged' });
    expect(mergeRunReports([asShard(passingReport(), 1, 2), asShard(passingReport(), 2, 2)]).stoppedEarly).toBeUndefined();
    const merge = (reports: RunReport[]) => () => mergeRunReports(reports, ['a', 'b']);
    expect(merge([asShard(passingReport(), 1, 2), asShard({ ...passingReport(), checks: gated.checks }, 2, 2)])).toThrow(/check error\.shape of suite invalid is judged in a but not judged \(excluded by --exclude-check\) in b: .*--exclude-check/);
    expect(merge([asShard(gated, 1, 2), asShard({ ...gated, familySelection: undefined }, 2, 2)])).toThrow(/--family differs \(a: invalid\.Name\.\*, b: \(none\)\)/);
  });
});
