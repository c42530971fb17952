import type { CheckSummary, FailureFingerprint, FailureRecord, FamilySummary, RunReport, SuiteSummary } from '../src/model/report.ts';
import { ConformanceToolError } from '../src/errors.ts';
import { finish, type RunHeader } from './finish.ts';

/** The reports given to merge-reports are not the shards of one run (or not shards at all). */
export class ReportMergeError extends ConformanceToolError {
  constructor(message: string) {
    super('CONFORMANCE_MERGE', message);
  }
}

type Histogram = NonNullable<SuiteSummary['latencyHistogram']>;

/**
 * Joins the reports of the shards of one run (`--shard i/n`, same seed) into the report of the whole run:
 * per suite and per check the counts are summed, failures concatenated (deduplicated by id, shrunk ones
 * first), families and latency histograms merged, and totals and verdict recomputed by finish(), exactly
 * as for a run. Shards ran side by side, so a suite's duration is its slowest shard's and the run's is the
 * span from the first shard's start to the last one's end; latency quantiles are estimated from the merged
 * histogram (max is exact). A missing shard is an error of the merged report (its cases were not tested).
 *
 * Throws ReportMergeError, saying what differs, when the reports are not shards of one run: a report
 * without a shard, different seeds, runs, operations, target kinds, tool versions or shard counts,
 * two reports of the same shard, different suites or --family, a check that is required in one shard and
 * not in another (--strict on one of them), or one that is judged in one shard and excluded in another. `labels` name the reports in those messages (e.g. their directories).
 */
export function mergeRunReports(reports: RunReport[], labels: string[] = reports.map((_, i) => `report ${i + 1}`)): RunReport {
  if (reports.length === 0) throw new ReportMergeError('no report to merge');
  const inputs = reports.map((report, i) => ({ report, label: labels[i] ?? `report ${i + 1}` }));
  const notShards = inputs.filter((r) => r.report.shard === undefined);
  if (notShards.length > 0) {
    throw new ReportMergeError(`${notShards.map((r) => r.label).join(', ')} ${notShards.length === 1 ? 'is not the report of a shard' : 'are not reports of shards'} (run with --shard I/N): only the shards of one run can be merged`);
  }
  const same: [string, (r: RunReport) => unknown][] = [
    ['seed', (r) => r.seed],
    ['runs', (r) => r.runs],
    ['operation', (r) => r.operation],
    ['target kind', (r) => r.target],
    ['tool version', (r) => `${r.tool.name} ${r.tool.version}`],
    ['shard count', (r) => r.shard!.count],
    ['--family', (r) => r.familySelection?.pattern ?? '(none)'],
  ];
  const differences = same.flatMap(([what, of]) =>
    new Set(inputs.map((r) => JSON.stringify(of(r.report)))).size > 1 ? [`${what} differs (${inputs.map((r) => `${r.label}: ${String(of(r.report))}`).join(', ')})`] : [],
  );
  if (differences.length > 0) throw new ReportMergeError(`the reports are not shards of the same run: ${differences.join('; ')}`);
  const byIndex = new Map<number, string[]>();
  for (const r of inputs) byIndex.set(r.report.shard!.index, [...(byIndex.get(r.report.shard!.index) ?? []), r.label]);
  const twice = [...byIndex].filter(([, ls]) => ls.length > 1);
  if (twice.length > 0) {
    throw new ReportMergeError(`each shard must be merged once: ${twice.map(([i, ls]) => `${ls.join(' and ')} are all shard ${i} of ${inputs[0]!.report.shard!.count}`).join('; ')}`);
  }
  // Shards that completed ran the same suites; one that could not start (preflight) ran none, which its errors say.
  const complete = inputs.filter((r) => r.report.errors.length === 0);
  const suiteSets = new Set(complete.map((r) => r.report.suites.map((s) => s.suite).sort().join(', ')));
  if (suiteSets.size > 1) {
    throw new ReportMergeError(`the shards ran different suites (${complete.map((r) => `${r.label}: ${r.report.suites.map((s) => s.suite).join(', ') || 'none'}`).join('; ')}): were they run with the same --suite and --checks?`);
  }
  const strengths = new Map<string, { strength: string; label: string }>();
  for (const r of inputs) {
    for (const c of r.report.checks) {
      const key = `${c.suite}/${c.check}`;
      const seen = strengths.get(key);
      if (seen && seen.strength !== c.strength) {
        throw new ReportMergeError(`check ${c.check} of suite ${c.suite} is ${seen.strength} in ${seen.label} but ${c.strength} in ${r.label}: were the shards run with the same --strict?`);
      }
      strengths.set(key, { strength: c.strength, label: r.label });
    }
  }
  const exclusions = new Map<string, { excluded: string | undefined; label: string }>();
  for (const r of inputs) {
    for (const c of r.report.checks) {
      const key = `${c.suite}/${c.check}`;
      const seen = exclusions.get(key);
      if (seen && seen.excluded !== c.excluded) {
        const say = (why: string | undefined) => (why === undefined ? 'judged' : `not judged (${why})`);
        throw new ReportMergeError(`check ${c.check} of suite ${c.suite} is ${say(seen.excluded)} in ${seen.label} but ${say(c.excluded)} in ${r.label}: were the shards run with the same --exclude-check and --include-check?`);
      }
      exclusions.set(key, { excluded: c.excluded, label: r.label });
    }
  }

  const shards = [...inputs].sort((a, b) => a.report.shard!.index - b.report.shard!.index);
  const first = shards[0]!.report;
  const count = first.shard!.count;
  const tag = (r: RunReport) => `shard ${r.shard!.index}/${count}`;
  const starts = shards.map((s) => Date.parse(s.report.startedAt));
  const known = starts.every((t) => Number.isFinite(t));
  const start = known ? Math.min(...starts) : undefined;
  const durationMs = known ? Math.max(...shards.map((s, i) => starts[i]! + s.report.durationMs)) - start! : Math.max(...shards.map((s) => s.report.durationMs));
  // Embedded shards each started their own emulator (another port): the first shard's stands for them.
  const header: RunHeader = {
    tool: first.tool,
    operation: first.operation,
    endpoint: first.endpoint,
    target: first.target,
    voiceConnectorId: first.voiceConnectorId,
    seed: first.seed,
    runs: first.runs,
    mergedShards: { count, indexes: shards.map((s) => s.report.shard!.index) },
    // Every shard selected the same families (checked above); one shard's lists stand for the run's.
    ...(first.familySelection ? { familySelection: first.familySelection } : {}),
    ...stoppedEarly(shards.map((s) => ({ stop: s.report.stoppedEarly, tag: tag(s.report) }))),
    startedAt: start === undefined ? first.startedAt : new Date(start).toISOString(),
  };

  const suites = mergeBy(
    shards.flatMap((s) => s.report.suites.map((suite) => ({ key: suite.suite, value: suite, report: s.report }))),
    (parts) => mergeSuites(parts.map((p) => ({ suite: p.value, tag: tag(p.report) }))),
  );
  const checks = mergeBy(
    shards.flatMap((s) => s.report.checks.map((check) => ({ key: `${check.suite}\u0000${check.check}`, value: check, report: s.report }))),
    (parts) => mergeChecks(parts.map((p) => p.value)),
  );
  const errors = shards.flatMap((s) => s.report.errors.map((e) => `${tag(s.report)}: ${e}`));
  const present = new Set(shards.map((s) => s.report.shard!.index));
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !present.has(i));
  if (missing.length > 0) {
    errors.push(`${missing.length === 1 ? `shard ${missing[0]} of ${count} is` : `shards ${missing.join(', ')} of ${count} are`} missing: ${missing.length === 1 ? 'its' : 'their'} cases are not in this report`);
  }
  const merged = finish(header, suites, checks, errors, durationMs);
  if (merged.totals.cases === 0 && merged.errors.length === 0) return finish(header, suites, checks, ['no case ran in any shard, so nothing was tested'], durationMs);
  return merged;
}

// --- internal ---

/** Groups items by key in order of first appearance and merges each group. */
function mergeBy<T, R>(items: { key: string; value: T; report: RunReport }[], merge: (group: { key: string; value: T; report: RunReport }[]) => R): R[] {
  const groups = new Map<string, { key: string; value: T; report: RunReport }[]>();
  for (const item of items) groups.set(item.key, [...(groups.get(item.key) ?? []), item]);
  return [...groups.values()].map(merge);
}

function mergeSuites(parts: { suite: SuiteSummary; tag: string }[]): SuiteSummary {
  const first = parts[0]!.suite;
  const all = parts.map((p) => p.suite);
  const histogram = mergeHistograms(all);
  const total = (key: 'retries' | 'consistencyRetries') => (all.some((s) => s[key] !== undefined) ? all.reduce((n, s) => n + (s[key] ?? 0), 0) : undefined);
  const retries = total('retries');
  const consistencyRetries = total('consistencyRetries');
  const notice = tagged(parts.map((p) => ({ text: p.suite.notice, tag: p.tag })));
  const error = tagged(parts.map((p) => ({ text: p.suite.error, tag: p.tag })));
  const families = all.some((s) => s.families !== undefined) ? mergeFamilies(all.flatMap((s) => s.families ?? [])) : undefined;
  return {
    suite: first.suite,
    title: first.title,
    cases: sum(all, (s) => s.cases),
    requests: sum(all, (s) => s.requests),
    // The shards ran side by side: the suite took as long as its slowest shard.
    durationMs: Math.max(...all.map((s) => s.durationMs)),
    latencyMs: latency(all, histogram),
    ...(retries !== undefined ? { retries } : {}),
    ...(consistencyRetries !== undefined ? { consistencyRetries } : {}),
    ...(histogram ? { latencyHistogram: histogram } : {}),
    ...(families ? { families } : {}),
    ...(notice !== undefined ? { notice } : {}),
    ...(error !== undefined ? { error } : {}),
  };
}

function mergeFamilies(families: FamilySummary[]): FamilySummary[] {
  const byId = new Map<string, FamilySummary>();
  for (const f of families) {
    const seen = byId.get(f.id);
    byId.set(f.id, seen ? { ...seen, cases: seen.cases + f.cases, failed: seen.failed + f.failed } : { ...f });
  }
  return [...byId.values()];
}

function mergeChecks(parts: CheckSummary[]): CheckSummary {
  const first = parts[0]!;
  // Shrunk examples first (the report shows the first one), then in shard order; one per failure id.
  const failures: FailureRecord[] = [];
  const ids = new Set<string>();
  const ordered = parts.flatMap((c) => c.failures);
  for (const f of [...ordered.filter((f) => f.shrunk), ...ordered.filter((f) => !f.shrunk)]) {
    if (ids.has(f.id)) continue;
    ids.add(f.id);
    failures.push(f);
  }
  return {
    suite: first.suite,
    check: first.check,
    title: first.title,
    concern: first.concern,
    strength: first.strength,
    cases: sum(parts, (c) => c.cases),
    passed: sum(parts, (c) => c.passed),
    failed: sum(parts, (c) => c.failed),
    skipped: sum(parts, (c) => c.skipped),
    ...(first.excluded !== undefined ? { excluded: first.excluded } : {}),
    failures,
    ...mergeFingerprints(parts),
  };
}

/** One entry per fingerprint over the shards, its cases summed (a baseline's mark is the same in every shard). */
function mergeFingerprints(parts: CheckSummary[]): Pick<CheckSummary, 'fingerprints'> {
  const merged = new Map<string, FailureFingerprint>();
  for (const f of parts.flatMap((c) => c.fingerprints ?? [])) {
    const seen = merged.get(f.fingerprint);
    merged.set(f.fingerprint, seen ? { ...seen, cases: seen.cases + f.cases } : { ...f });
  }
  return merged.size > 0 ? { fingerprints: [...merged.values()].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint)) } : {};
}

/** Shards that stopped early (--max-failures, --time-budget, each shard its own): the merged run did, saying which. */
function stoppedEarly(items: { stop: RunReport['stoppedEarly']; tag: string }[]): Pick<RunReport, 'stoppedEarly'> {
  const stopped = items.filter((i) => i.stop !== undefined);
  if (stopped.length === 0) return {};
  const message = tagged(stopped.map((i) => ({ text: i.stop!.message, tag: i.tag })))!;
  return { stoppedEarly: { by: stopped[0]!.stop!.by, message } };
}

/** Sums bucket counts by upper bound; undefined when no shard had a histogram. */
function mergeHistograms(suites: SuiteSummary[]): Histogram | undefined {
  if (!suites.some((s) => s.latencyHistogram)) return undefined;
  const counts = new Map<number, number>();
  for (const s of suites) for (const b of s.latencyHistogram ?? []) counts.set(b.le, (counts.get(b.le) ?? 0) + b.count);
  return [...counts].sort(([a], [b]) => a - b).map(([le, count]) => ({ le, count }));
}

/**
 * Quantiles of the merged latencies. The shards' own quantiles cannot be combined exactly; with every
 * shard's histogram they are interpolated linearly within the bucket that holds them (never above the
 * exact max); without, the largest of the shards' values is an upper bound. Max is exact either way.
 */
function latency(suites: SuiteSummary[], histogram: Histogram | undefined): SuiteSummary['latencyMs'] {
  const max = Math.max(0, ...suites.map((s) => s.latencyMs.max));
  const complete = histogram !== undefined && suites.every((s) => s.latencyHistogram !== undefined || s.requests === 0);
  const q = (p: 'p50' | 'p90' | 'p99', at: number) => (complete ? fromHistogram(histogram, at, max) : Math.max(0, ...suites.map((s) => s.latencyMs[p])));
  return { p50: q('p50', 0.5), p90: q('p90', 0.9), p99: q('p99', 0.99), max };
}

function fromHistogram(histogram: Histogram, at: number, max: number): number {
  const total = histogram.reduce((n, b) => n + b.count, 0);
  if (total === 0) return 0;
  // The same rank as runGroup's quantile(): the value at index floor(q * n) of the sorted latencies.
  const rank = Math.min(total - 1, Math.floor(at * total)) + 1;
  let seen = 0;
  let lower = 0;
  for (const b of histogram) {
    if (seen + b.count >= rank) {
      const upper = Math.min(b.le, max);
      const low = Math.min(lower, upper);
      const value = low + ((upper - low) * (rank - seen)) / b.count;
      return Math.round(value * 100) / 100;
    }
    seen += b.count;
    lower = b.le;
  }
  return max;
}

/** The distinct texts of the shards, each prefixed with the shards it came from; undefined when none. */
function tagged(items: { text: string | undefined; tag: string }[]): string | undefined {
  const byText = new Map<string, string[]>();
  for (const { text, tag } of items) if (text !== undefined) byText.set(text, [...(byText.get(text) ?? []), tag]);
  if (byText.size === 0) return undefined;
  return [...byText].map(([text, tags]) => `${tags.join(', ')}: ${text}`).join('; ');
}

function sum<T>(items: T[], of: (item: T) => number): number {
  return items.reduce((n, item) => n + of(item), 0);
}
