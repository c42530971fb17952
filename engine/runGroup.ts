import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { Case, CaseFamily } from '../generators/index.ts';
import { checksFor, type CaseRun, type Check, type CheckFailure, type CheckState, type CheckSummary, type FailureRecord, type SuiteSummary } from '../checks/index.ts';
import { curlCommand, redactRequest } from '../src/protocol/index.ts';
import type { OperationModel } from '../src/spec/index.ts';
import { executeCase } from './executeCase.ts';
import { familySeed } from './familySeed.ts';
import { inShard } from './shardOf.ts';
import { beginSuite } from './beginSuite.ts';
import type { RunContext } from './runContext.ts';
import { caseDigest } from './caseDigest.ts';
import { digestMismatch } from './digestMismatch.ts';
import { latencySummary } from './latencySummary.ts';
import type { RunOptions, SuiteGroup, SuiteResult } from './types.ts';

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

/** A failing case kept for the report: where it is in the plan (for a stable choice) and what it showed. */
interface Kept {
  order: number;
  planned: Planned;
  run: CaseRun;
  failures: CheckFailure[];
}

/** What one check saw in the suite so far: counts, and the few failing cases the report shows. */
interface Tally {
  check: Check;
  cases: number;
  passed: number;
  failed: number;
  /** The failing cases earliest in the plan: the one to shrink and EXAMPLES more. */
  kept: Kept[];
}

/**
 * Runs one suite as a stream: every family's cases are generated from the run seed as the pool reaches
 * them, sent with bounded concurrency, and judged by every check the moment they finish; only counts and
 * the few failing cases the report shows are kept, so memory does not grow with --runs. Then the failure
 * earliest in the plan of each failing check is shrunk with fast-check (replaying from its seed and path)
 * so the report shows the smallest request that fails. Which failures are kept depends on the plan, never
 * on the order in which answers arrived.
 */
export async function runGroup(context: RunContext, group: SuiteGroup): Promise<SuiteResult> {
  const { model, options, transport, limits } = context;
  const started = performance.now();
  const retriesBefore = transport.retries;
  const replaysElsewhere = options.family !== undefined && !options.family.startsWith(group.familyPrefix);
  const families = replaysElsewhere ? [] : group.families(model, { voiceConnectorId: options.voiceConnectorId }).filter((f) => options.family === undefined || f.id === options.family);
  const mismatches: string[] = [];
  const checks = checksFor(model, { strict: options.strict });
  const tallies: Tally[] = checks.map((check) => ({ check, cases: 0, passed: 0, failed: 0, kept: [] }));
  const perFamily = new Map<CaseFamily, { cases: number; failed: number }>(families.map((f) => [f, { cases: 0, failed: 0 }]));
  const state: CheckState = { seenSessionIds: new Map() };
  const latencies: number[] = [];
  beginSuite(context, group.id);
  const total = families.reduce((n, f) => n + plannedCount(f, options), 0);
  let consecutiveFailures = 0;
  let done = 0;
  let failing = 0;
  let order = 0;
  const startedAt = Date.now();
  let stopped: string | undefined;
  let notice: string | undefined;
  // With a session budget, no more cases in flight than the suite's share can hold: each case claims room
  // for all its creates before it starts (executeCase), and a claim that does not fit ends the suite
  // with a notice, though cases in flight might have left room for it.
  const left = limits.sessionsLeft();
  const width = left === undefined ? options.concurrency : Math.max(1, Math.min(options.concurrency, Math.floor(left / mostCreates(families))));
  const planned = (function* () {
    for (const family of families) yield* planFamily(family, options, mismatches);
  })();
  await pool(planned, width, async (p, position) => {
    // An interrupted run stops starting cases; the caller says why (the run's errors name the signal).
    stopped ??= mismatches[0];
    if (stopped || notice || context.signal.aborted) return false;
    if (Date.now() > options.deadline) {
      stopped ??= 'the run deadline passed before every case was sent';
      return false;
    }
    const run = await executeCase(context, p.value);
    if (run.incomplete) {
      // A spent budget is the user's limit, reported as a notice; a deadline is an error.
      if (limits.exhausted) notice ??= run.incomplete;
      else stopped ??= run.incomplete;
      return false;
    }
    done++;
    for (const ex of run.exchanges) latencies.push(ex.response?.elapsedMs ?? ex.failure?.elapsedMs ?? 0);
    const failedRequired = judge(context, tallies, state, { order: position, planned: p, run });
    const family = perFamily.get(p.family)!;
    family.cases++;
    if (failedRequired) {
      family.failed++;
      failing++;
    }
    context.progress({ suite: group.id, done, total, failing, startedAt });
    const transportFailed = run.exchanges.some((ex) => ex.failure && ex.failure.kind !== 'too-large');
    consecutiveFailures = transportFailed ? consecutiveFailures + 1 : 0;
    if (consecutiveFailures >= GIVE_UP_AFTER) stopped ??= `the endpoint failed ${GIVE_UP_AFTER} requests in a row (${run.exchanges.find((ex) => ex.failure)?.failure?.message}); the suite stopped sending`;
    return true;
  });
  stopped ??= mismatches[0];
  const summaries: CheckSummary[] = [];
  for (const tally of tallies) summaries.push(await summarise(context, group, tally, done));
  return {
    suite: {
      suite: group.id,
      title: group.title,
      cases: done,
      requests: latencies.length,
      durationMs: performance.now() - started,
      ...latencySummary(latencies),
      families: families.map((family) => {
        const { cases, failed } = perFamily.get(family)!;
        return { id: family.id, title: family.title, kind: family.kind, ...(family.covers ? { covers: family.covers } : {}), cases, failed };
      }),
      retries: transport.retries - retriesBefore,
      ...(notice ? { notice } : {}),
      ...(stopped ? { error: stopped } : {}),
    },
    checks: summaries,
  };
}

/**
 * Judges a finished case with every check and keeps it where the report needs it: in a check's few
 * failing cases earliest in the plan. Returns whether it failed a required check. The case itself is then
 * dropped by the caller.
 */
function judge(context: RunContext, tallies: Tally[], state: CheckState, kept: Omit<Kept, 'failures'>): boolean {
  const ctx = { model: context.model, run: kept.run, state, options: { strict: context.options.strict } };
  let failedRequired = false;
  for (const tally of tallies) {
    if (!tally.check.applies(ctx)) continue;
    tally.cases++;
    const failures = tally.check.run(ctx);
    if (failures.length === 0) {
      tally.passed++;
      continue;
    }
    tally.failed++;
    if (tally.check.strength === 'required') failedRequired = true;
    const room = 1 + EXAMPLES;
    tally.kept.push({ ...kept, failures });
    tally.kept.sort((a, b) => a.order - b.order);
    tally.kept.length = Math.min(tally.kept.length, room);
  }
  return failedRequired;
}

/**
 * The cases of a suite run: every family's cases from its own seed. With --shard, all of them are still
 * generated exactly as in an unsharded run (same seed, same fc.sample, same indexes, so ids, shrinking and
 * replay lines are unchanged) and then only this shard's share is kept (shardOf.ts). A --path replay is
 * one case and is never sharded.
 */
export function plan(families: CaseFamily[], options: PlanOptions, mismatches?: string[]): Planned[] {
  return families.flatMap((family) => planFamily(family, options, mismatches));
}

type PlanOptions = Pick<RunOptions, 'seed' | 'runs' | 'path' | 'caseDigest' | 'shard'> & { voiceConnectorId?: string };

/** One family's cases (see plan). */
function planFamily(family: CaseFamily, options: PlanOptions, mismatches?: string[]): Planned[] {
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
}

/** How many cases planFamily gives, without generating them (for the progress line). */
function plannedCount(family: CaseFamily, options: PlanOptions): number {
  if (options.path !== undefined) return 1;
  const count = family.cases?.length ?? options.runs;
  let n = 0;
  for (let k = 0; k < count; k++) if (inShard(family.id, k, options.shard)) n++;
  return n;
}

/** The most creates one case of these families sends (a case claims room for all of them at once). */
function mostCreates(families: readonly CaseFamily[]): number {
  let most = 1;
  for (const family of families) {
    const sample = family.cases?.[0] ?? fc.sample(family.arbitrary, { seed: 0, numRuns: 1 })[0];
    most = Math.max(most, sample?.steps.length ?? 1);
  }
  return most;
}

async function summarise(context: RunContext, group: SuiteGroup, tally: Tally, ran: number): Promise<CheckSummary> {
  const { model, options } = context;
  const { check } = tally;
  const records: FailureRecord[] = [];
  const [first, ...rest] = tally.kept;
  if (first) {
    const shrinks = check.strength !== 'advisory' && options.path === undefined;
    records.push(shrinks ? await shrink(context, group, check, first.planned, first.run, first.failures) : record(model, group, options, check, first.planned, false, first.run, first.failures));
  }
  for (const k of rest) records.push(record(model, group, options, check, k.planned, false, k.run, k.failures));
  return {
    suite: group.id,
    check: check.id,
    title: check.title,
    concern: check.concern,
    strength: check.strength,
    cases: tally.cases,
    passed: tally.passed,
    failed: tally.failed,
    skipped: ran - tally.cases,
    failures: records,
  };
}

async function shrink(context: RunContext, group: SuiteGroup, check: Check, planned: Planned, originalRun: CaseRun, originalFailures: CheckFailure[]): Promise<FailureRecord> {
  const { model, options } = context;
  // A hang costs a whole timeout per try: report it as found instead of shrinking it. A deterministic
  // family's case is already minimal: one named violation.
  if (planned.family.cases || originalFailures.some((f) => f.check === 'transport' && f.actual === 'timeout')) {
    return record(model, group, options, check, planned, false, originalRun, originalFailures);
  }
  let budget = SHRINK_BUDGET;
  let smallest: { run: CaseRun; failures: CheckFailure[] } | undefined;
  const property = fc.asyncProperty(planned.family.arbitrary, async (value) => {
    if (budget-- <= 0 || Date.now() > options.deadline || context.signal.aborted) return true;
    const run = await executeCase(context, value);
    if (run.incomplete) return true;
    const ctx = { model, run, state: { seenSessionIds: new Map() }, options: { strict: options.strict } };
    const failures = check.applies(ctx) ? check.run(ctx) : [];
    if (failures.length > 0) smallest = { run, failures };
    return failures.length === 0;
  });
  const details = await fc.check(property, { seed: planned.seed, path: String(planned.index), numRuns: options.runs });
  if (!details.failed || !smallest || details.counterexamplePath === null) {
    // Flaky or state-dependent (e.g. uniqueness across the run): report the original case.
    return record(model, group, options, check, planned, false, originalRun, originalFailures);
  }
  return record(model, group, options, check, planned, true, smallest.run, smallest.failures, details.counterexamplePath);
}

/** A failure as the reports show it; `path` is the fast-check path that replays it (a shrunk one's, or the case's own). */
function record(model: OperationModel, group: SuiteGroup, options: RunOptions, check: Check, planned: Planned, shrunk: boolean, run: CaseRun, failures: CheckFailure[], shrunkPath?: string): FailureRecord {
  const { family } = planned;
  const path = shrunkPath ?? options.path ?? String(planned.index);
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

/**
 * Runs `task` on the items the iterator yields, in order, with at most `width` in flight; `position` counts
 * from 0. A task that answers false ends its worker (the suite stopped), so the rest is never generated.
 */
async function pool<T>(items: Iterator<T>, width: number, task: (item: T, position: number) => Promise<boolean>): Promise<void> {
  let position = 0;
  const worker = async () => {
    for (let next = items.next(); !next.done; next = items.next()) if (!(await task(next.value, position++))) return;
  };
  await Promise.all(Array.from({ length: width }, worker));
}
