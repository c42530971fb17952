import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { Case, CaseFamily } from '../generators/index.ts';
import { checksFor, type CaseRun, type Check, type CheckFailure, type CheckState, type CheckSummary, type FailureRecord, type SuiteSummary } from '../checks/index.ts';
import { curlCommand, redactRequest } from '../src/protocol/index.ts';
import { createTransport, type Transport } from './createTransport.ts';
import type { OperationModel } from '../src/spec/index.ts';
import { executeCase } from './executeCase.ts';
import { familySeed } from './familySeed.ts';
import { inShard } from './shardOf.ts';
import { writeProgress } from './writeProgress.ts';
import { statusCode } from '../checks/statusCode.ts';
import { beginSuite } from './beginSuite.ts';
import { caseDigest } from './caseDigest.ts';
import { digestMismatch } from './digestMismatch.ts';
import { latencySummary } from './latencySummary.ts';
import { runLimits } from './runLimits.ts';
import type { RunOptions, SuiteGroup } from './types.ts';

/** The finished results of one suite: what its vitest file reports per check. */
export interface GroupResult {
  suite: SuiteSummary;
  checks: CheckSummary[];
}

/** Consecutive transport failures after which the endpoint is taken as gone and the suite stops sending. */
const GIVE_UP_AFTER = 8;
/** Requests a shrink may spend on one failure; the smallest failing case found by then is reported. */
const SHRINK_BUDGET = 150;
/** Failing examples kept per check besides the shrunk one. */
const EXAMPLES = 2;

export interface Planned {
  family: CaseFamily;
  index: number;
  seed: number;
  value: Case;
}

/**
 * Runs one suite: generates every family's cases from the run seed, sends them with bounded concurrency,
 * applies every check to every case, then shrinks the first failure of each failing check with
 * fast-check (replaying from its seed and path) so the report shows the smallest request that fails.
 */
export async function runGroup(model: OperationModel, group: SuiteGroup, options: RunOptions): Promise<GroupResult> {
  const started = performance.now();
  const replaysElsewhere = options.family !== undefined && !options.family.startsWith(group.familyPrefix);
  const families = replaysElsewhere ? [] : group.families(model, { voiceConnectorId: options.voiceConnectorId }).filter((f) => options.family === undefined || f.id === options.family);
  const mismatches: string[] = [];
  const planned = plan(families, options, mismatches);
  const checks = checksFor(model, { strict: options.strict });
  const transport = createTransport(model, options);
  beginSuite(options, group.id);
  const runs: (CaseRun | undefined)[] = new Array(planned.length);
  let consecutiveFailures = 0;
  let done = 0;
  let failing = 0;
  const startedAt = Date.now();
  let stopped: string | undefined = mismatches[0];
  let notice: string | undefined;
  try {
    // With a session budget, no more cases in flight than the suite's share can hold: each case claims room
    // for all its creates before it starts (executeCase), and a claim that does not fit ends the suite
    // with a notice, though cases in flight might have left room for it.
    const left = runLimits(options).sessionsLeft();
    const mostCreates = Math.max(1, ...planned.map((p) => p.value.steps.length));
    const width = left === undefined ? options.concurrency : Math.max(1, Math.min(options.concurrency, Math.floor(left / mostCreates)));
    await pool(planned.length, width, async (i) => {
      if (stopped || notice) return;
      if (Date.now() > options.deadline) {
        stopped ??= 'the run deadline passed before every case was sent';
        return;
      }
      const run = await executeCase(model, options, transport, planned[i]!.value);
      if (run.incomplete) {
        // A spent budget is the user's limit, reported as a notice; a deadline is an error.
        if (runLimits(options).exhausted) notice ??= run.incomplete;
        else stopped ??= run.incomplete;
        return;
      }
      runs[i] = run;
      done++;
      if (run.exchanges.some((ex) => ex.failure) || statusCode.run({ model, run, state: { seenSessionIds: new Map() }, options: { strict: options.strict } }).length > 0) failing++;
      writeProgress(options.progressFile, { suite: group.id, done, total: planned.length, failing, startedAt: startedAt });
      const transportFailed = run.exchanges.some((ex) => ex.failure && ex.failure.kind !== 'too-large');
      consecutiveFailures = transportFailed ? consecutiveFailures + 1 : 0;
      if (consecutiveFailures >= GIVE_UP_AFTER) stopped ??= `the endpoint failed ${GIVE_UP_AFTER} requests in a row (${run.exchanges.find((ex) => ex.failure)?.failure?.message}); the suite stopped sending`;
    });
    const state: CheckState = { seenSessionIds: new Map() };
    const summaries: CheckSummary[] = [];
    /** Indexes of cases that failed a required check (for the per-family summary). */
    const failedCases = new Set<number>();
    for (const check of checks) {
      const { summary, failingAt } = await summarise(model, group, options, check, planned, runs, state, transport);
      summaries.push(summary);
      if (summary.strength === 'required') for (const i of failingAt) failedCases.add(i);
    }
    const latencies = runs.flatMap((r) => r?.exchanges.map((ex) => ex.response?.elapsedMs ?? ex.failure?.elapsedMs ?? 0) ?? []).sort((a, b) => a - b);
    return {
      suite: {
        suite: group.id,
        title: group.title,
        cases: runs.filter(Boolean).length,
        requests: latencies.length,
        durationMs: performance.now() - started,
        ...latencySummary(latencies),
        families: families.map((family) => {
          const mine = planned.flatMap((p, i) => (p.family === family && runs[i] ? [i] : []));
          const failedAt = failedCases;
          return { id: family.id, title: family.title, kind: family.kind, ...(family.covers ? { covers: family.covers } : {}), cases: mine.length, failed: mine.filter((i) => failedAt.has(i)).length };
        }),
        retries: transport.retries,
        ...(notice ? { notice } : {}),
        ...(stopped ? { error: stopped } : {}),
      },
      checks: summaries,
    };
  } finally {
    await transport.close();
  }
}

/**
 * The cases of a suite run: every family's cases from its own seed. With --shard, all of them are still
 * generated exactly as in an unsharded run (same seed, same fc.sample, same indexes, so ids, shrinking and
 * replay lines are unchanged) and then only this shard's share is kept (shardOf.ts). A --path replay is
 * one case and is never sharded.
 */
export function plan(families: CaseFamily[], options: Pick<RunOptions, 'seed' | 'runs' | 'path' | 'caseDigest' | 'shard'> & { voiceConnectorId?: string }, mismatches?: string[]): Planned[] {
  return families.flatMap((family) => {
    const seed = familySeed(options.seed, family.id);
    if (family.cases) {
      // A deterministic family: its cases in order; a replay's --path is the index of one of them.
      const all = family.cases.map((value, index) => ({ family, index, seed, value }));
      if (options.path === undefined) return all.filter((p) => inShard(family.id, p.index, options.shard));
      const value = /^\d+$/.test(options.path) ? family.cases[Number(options.path)] : undefined;
      const mismatch = value && digestMismatch(value, { family: family.id, path: options.path, caseDigest: options.caseDigest, voiceConnectorId: options.voiceConnectorId });
      if (mismatch) mismatches?.push(mismatch);
      return value && !mismatch ? [{ family, index: Number(options.path), seed, value }] : [];
    }
    if (options.path !== undefined) {
      // Replay: the exact (possibly shrunk) value at this fast-check path. A path this family cannot
      // produce (another spec or tool version) selects nothing; the CLI says so.
      try {
        const replay = fc.check(fc.property(family.arbitrary, () => false), { seed, path: options.path, numRuns: options.runs, endOnFailure: true });
        const value = replay.counterexample?.[0] as Case | undefined;
        const mismatch = value && digestMismatch(value, { family: family.id, path: options.path, caseDigest: options.caseDigest, voiceConnectorId: options.voiceConnectorId });
        if (mismatch) mismatches?.push(mismatch);
        return value && !mismatch ? [{ family, index: 0, seed, value }] : [];
      } catch {
        return [];
      }
    }
    return fc
      .sample(family.arbitrary, { seed, numRuns: options.runs })
      .map((value, index) => ({ family, index, seed, value }))
      .filter((p) => inShard(family.id, p.index, options.shard));
  });
}

async function summarise(
  model: OperationModel,
  group: SuiteGroup,
  options: RunOptions,
  check: Check,
  planned: Planned[],
  runs: (CaseRun | undefined)[],
  state: CheckState,
  transport: Transport,
): Promise<{ summary: CheckSummary; failingAt: number[] }> {
  let cases = 0;
  let passed = 0;
  const failing: { at: number; failures: CheckFailure[] }[] = [];
  runs.forEach((run, at) => {
    if (!run) return;
    const ctx = { model, run, state, options: { strict: options.strict } };
    if (!check.applies(ctx)) return;
    cases++;
    const failures = check.run(ctx);
    if (failures.length === 0) passed++;
    else failing.push({ at, failures });
  });
  const records: FailureRecord[] = [];
  const first = failing[0];
  if (first && check.strength !== 'advisory' && options.path === undefined) {
    records.push(await shrink(model, group, options, check, planned[first.at]!, runs[first.at]!, first.failures, transport));
  }
  for (const { at, failures } of failing.slice(records.length, records.length + EXAMPLES + (check.strength === 'advisory' ? 1 : 0))) {
    const p = planned[at]!;
    records.push(record(model, group, options, check, p.family, p.seed, options.path ?? String(p.index), false, runs[at]!, failures));
  }
  const summary: CheckSummary = {
    suite: group.id,
    check: check.id,
    title: check.title,
    concern: check.concern,
    strength: check.strength,
    cases,
    passed,
    failed: failing.length,
    skipped: runs.filter(Boolean).length - cases,
    failures: records,
  };
  return { summary, failingAt: failing.map((f) => f.at) };
}

async function shrink(
  model: OperationModel,
  group: SuiteGroup,
  options: RunOptions,
  check: Check,
  planned: Planned,
  originalRun: CaseRun,
  originalFailures: CheckFailure[],
  transport: Transport,
): Promise<FailureRecord> {
  // A hang costs a whole timeout per try: report it as found instead of shrinking it. A deterministic
  // family's case is already minimal: one named violation.
  if (planned.family.cases || originalFailures.some((f) => f.check === 'transport' && f.actual === 'timeout')) {
    return record(model, group, options, check, planned.family, planned.seed, String(planned.index), false, originalRun, originalFailures);
  }
  let budget = SHRINK_BUDGET;
  let smallest: { run: CaseRun; failures: CheckFailure[] } | undefined;
  const property = fc.asyncProperty(planned.family.arbitrary, async (value) => {
    if (budget-- <= 0 || Date.now() > options.deadline) return true;
    const run = await executeCase(model, options, transport, value);
    if (run.incomplete) return true;
    const ctx = { model, run, state: { seenSessionIds: new Map() }, options: { strict: options.strict } };
    const failures = check.applies(ctx) ? check.run(ctx) : [];
    if (failures.length > 0) smallest = { run, failures };
    return failures.length === 0;
  });
  const details = await fc.check(property, { seed: planned.seed, path: String(planned.index), numRuns: options.runs });
  if (!details.failed || !smallest || details.counterexamplePath === null) {
    // Flaky or state-dependent (e.g. uniqueness across the run): report the original case.
    return record(model, group, options, check, planned.family, planned.seed, String(planned.index), false, originalRun, originalFailures);
  }
  return record(model, group, options, check, planned.family, planned.seed, details.counterexamplePath, true, smallest.run, smallest.failures);
}

function record(model: OperationModel, group: SuiteGroup, options: RunOptions, check: Check, family: CaseFamily, seed: number, path: string, shrunk: boolean, run: CaseRun, failures: CheckFailure[]): FailureRecord {
  const failure = failures[0]!;
  const exchange = run.exchanges[failure.step ?? 0] ?? run.exchanges[0]!;
  const id = createHash('sha1').update([group.id, check.id, family.id, options.seed, path].join('\u0000')).digest('hex').slice(0, 12);
  return {
    id,
    check: check.id,
    family: family.id,
    caseTitle: family.title + (run.exchanges.length > 1 ? ` (step ${(failure.step ?? 0) + 1} of ${run.exchanges.length})` : ''),
    message: failures.length > 1 ? `${failure.message} (and ${failures.length - 1} more)` : failure.message,
    path: failure.path,
    expected: failure.expected,
    actual: failure.actual,
    seed: options.seed,
    replayPath: path,
    shrunk,
    request: redactRequest(exchange.request),
    ...(exchange.response ? { response: { status: exchange.response.status, headers: exchange.response.headers, body: exchange.response.bodyText.slice(0, 16_384) } } : {}),
    ...(exchange.failure ? { transport: exchange.failure } : {}),
    curl: curlCommand(redactRequest(exchange.request), options.auth === 'sigv4' && !exchange.step.auth ? { region: options.region, service: model.spec.service.signingName } : undefined),
    replay: `${options.replayBase} --seed ${options.seed} --family ${family.id} --path ${path} --case-digest ${caseDigest(run.case, options.voiceConnectorId)}`,
  };
}

/** Runs `task(0..count-1)` with at most `width` in flight. */
async function pool(count: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
}
