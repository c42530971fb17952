import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { Case, CaseFamily } from '../generators/index.ts';
import { checksFor, forgetEndedBefore, judgeCase, operationOf, type CaseRun, type Check, type CheckFailure, type CheckState, type FailureRecord } from '../checks/index.ts';
import { curlCommand, redactRequest } from '../src/protocol/index.ts';
import type { OperationModel } from '../src/spec/index.ts';
import { executeCase } from './executeCase.ts';
import { familySeed } from './familySeed.ts';
import { inShard } from './shardOf.ts';
import type { RunContext } from './runContext.ts';
import { caseDigest } from './caseDigest.ts';
import { excludedBecause } from './checkSelection.ts';
import { familyMatcher } from './familyPattern.ts';
import { digestMismatch } from './digestMismatch.ts';
import { runPlanned, type Outcome, type Planned as PlannedUnit } from './runPlanned.ts';
import { sampleInChunks } from './sampleInChunks.ts';
import type { RunOptions, SuiteGroup, SuiteResult } from './types.ts';
import { reportValue } from './reportValue.ts';
import { answerShape, fingerprintOf } from './fingerprint.ts';
import type { FailureShape } from '../src/model/report.ts';

/** Consecutive cases with a transport failure after which the endpoint is taken as gone and the suite stops sending. */
const GIVE_UP_AFTER = 8;
/** Requests a shrink may spend on one failure; the smallest failing case found by then is reported. */
const SHRINK_BUDGET = 150;
/** Why a family whose cases make and change voice connectors does not run (RunOptions.mayChangeConnectors). */
const NOT_ON_USER_CONNECTORS =
  'their cases make and change voice connectors, which this run may not do: it runs against a voice connector of yours (--provision lets a run make connectors of its own; the embedded emulator is the run\'s own)';

export type Planned = PlannedUnit<CaseFamily, Case>;

/** A case after it ran and was judged by every check: what the one loop (runPlanned.ts) needs, and the run to report. */
interface CaseOutcome extends Outcome {
  run: CaseRun;
}

/**
 * A suite of request cases (every suite but the lifecycle's), run by the one loop (runPlanned.ts): each
 * case is sent (executeCase), judged by every check (checksFor) the moment it finishes, and a check's
 * earliest failing case is shrunk with fast-check (replaying from its seed and path) so the report shows
 * the smallest request that fails.
 */
export async function runGroup(context: RunContext, group: SuiteGroup): Promise<SuiteResult> {
  const { model, options, limits } = context;
  const selected = options.family === undefined ? () => true : familyMatcher(options.family);
  const families = group.families(model, { voiceConnectorId: options.voiceConnectorId }).filter((f) => selected(f.id));
  // Every check is reported; only those the run judges (--exclude-check, --include-check) see a case.
  const notRun = (family: CaseFamily) => (family.changesConnectors && !options.mayChangeConnectors ? NOT_ON_USER_CONNECTORS : undefined);
  const checks = checksFor(model, { strict: options.strict });
  const judgedChecks = checks.filter((c) => excludedBecause(options.checkSelection, c.id) === undefined);
  const state: CheckState = { seenSessionIds: new Map() };
  // When each case in flight started: the run-wide session record forgets what ended before the oldest.
  const inFlight = new Map<Planned, number>();
  let judged = 0;
  // With a session budget, no more cases in flight than the suite's share can hold: each case claims room
  // for all its creates before it starts (executeCase), and a claim that does not fit ends the suite
  // with a notice, though cases in flight might have left room for it.
  const left = limits.sessionsLeft();
  const width = left === undefined ? options.concurrency : Math.max(1, Math.min(options.concurrency, Math.floor(left / mostCreates(families.filter((f) => !notRun(f))))));
  // A finished case, judged by every check; it still counts as in flight here, so the run-wide session
  // record keeps what overlaps it.
  const judge = (run: CaseRun): CaseOutcome => {
    const latencies = run.exchanges.map((ex) => ex.response?.elapsedMs ?? ex.failure?.elapsedMs ?? 0);
    if (run.incomplete) return { run, failures: [], looked: new Set(), latencies, stopped: { reason: limits.exhausted ? 'budget' : 'deadline', message: run.incomplete } };
    const { looked, failures } = judgeCase(judgedChecks, model, run, options.strict, state);
    if (++judged % 1000 === 0) forgetEndedBefore(state, Math.min(Date.now(), ...inFlight.values()));
    const unanswered = run.exchanges.find((ex) => ex.failure && ex.failure.kind !== 'too-large')?.failure?.message;
    return { run, failures, looked, latencies, ...(unanswered !== undefined ? { unanswered } : {}) };
  };
  return runPlanned(context, group, {
    families,
    checks,
    width,
    giveUp: { after: GIVE_UP_AFTER, says: (why) => `the endpoint failed ${GIVE_UP_AFTER} requests in a row (${why}); the suite stopped sending` },
    plan: (family, mismatches) => (notRun(family) ? [] : planFamily(family, options, mismatches)),
    replays: (stale) => corpusUnits(families.filter((f) => !notRun(f)), options, stale),
    count: (family) => (notRun(family) ? 0 : plannedCount(family, options)),
    notRun,
    shape: (unit: Planned, outcome: CaseOutcome, failure: CheckFailure) => caseShape(model, unit.family, outcome.run, failure),
    async run(unit) {
      inFlight.set(unit, Date.now());
      try {
        return judge(await executeCase(context, unit.value));
      } finally {
        inFlight.delete(unit);
      }
    },
    async records(info, kept) {
      const check = checks.find((c) => c.id === info.id)!;
      const mine = (o: CaseOutcome) => o.failures.filter((f) => f.check === check.id);
      const [first, ...rest] = kept;
      if (!first) return [];
      // A corpus case was shrunk when it was kept; past --time-budget a failure is reported as found:
      // shrinking would send many more cases.
      const shrinks = check.strength !== 'advisory' && options.path === undefined && !context.signal.aborted && !first.unit.from && !limits.outOfTime();
      const firstRecord = shrinks ? await shrink(context, group, check, first.unit, first.outcome.run, mine(first.outcome)) : record(model, group, options, check, first.unit, false, first.outcome.run, mine(first.outcome));
      return [
        // The fingerprint of the failure as found: a shrunk case may be answered otherwise, and the check's
        // fingerprints (what a baseline lists) are of the cases as found.
        { ...firstRecord, fingerprint: fingerprintOf(caseShape(model, first.unit.family, first.outcome.run, mine(first.outcome)[0]!)) },
        ...rest.map((k) => record(model, group, options, check, k.unit, false, k.outcome.run, mine(k.outcome))),
      ];
    },
  });
}

/**
 * The cases of a suite run: every family's cases from its own seed. With --shard, all of them are still
 * generated exactly as in an unsharded run (same seed, same fc.sample, same indexes, so ids, shrinking and
 * replay lines are unchanged) and then only this shard's share is kept (shardOf.ts). A --path replay is
 * one case and is never sharded.
 */
export function plan(families: CaseFamily[], options: PlanOptions, mismatches?: string[]): Planned[] {
  return families.flatMap((family) => [...planFamily(family, options, mismatches)]);
}

type PlanOptions = Pick<RunOptions, 'seed' | 'runs' | 'path' | 'caseDigest' | 'shard'> & { voiceConnectorId?: string };

/** One family's cases (see plan). */
function planFamily(family: CaseFamily, options: PlanOptions, mismatches?: string[]): Iterable<Planned> {
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
  return sampled(family, seed, options);
}

/** A generated family's cases, a chunk at a time as the loop takes them (sampleInChunks), this shard's only. */
function* sampled(family: CaseFamily, seed: number, options: PlanOptions): Generator<Planned> {
  for (const { index, value } of sampleInChunks(family.arbitrary, seed, options.runs)) if (inShard(family.id, index, options.shard)) yield { family, index, seed, value };
}

/**
 * The corpus entries of these families as cases (one each, from the entry's own run seed and path), unless
 * the run replays one case itself or is a shard. An entry whose case is no longer there is stale.
 */
function corpusUnits(families: readonly CaseFamily[], options: RunOptions, stale: string[]): Planned[] {
  if (!options.corpus || options.path !== undefined || options.shard) return [];
  const byId = new Map(families.map((f) => [f.id, f]));
  return options.corpus.flatMap((entry) => {
    const family = byId.get(entry.family);
    if (!family) return [];
    const found = [...planFamily(family, { seed: entry.seed, runs: entry.runs, path: entry.path, ...(entry.caseDigest ? { caseDigest: entry.caseDigest } : {}), voiceConnectorId: options.voiceConnectorId }, [])];
    if (found.length === 0) stale.push(entry.key);
    return found.map((unit) => ({ ...unit, from: { key: entry.key, seed: entry.seed, path: entry.path } }));
  });
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
    // A few samples: a family's cases may differ in length (cross-session: 2 to 4 creates).
    for (const sample of family.cases ?? fc.sample(family.arbitrary, { seed: 0, numRuns: 20 })) most = Math.max(most, sample.steps.length);
  }
  return most;
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
    if (budget-- <= 0 || Date.now() > options.deadline || context.signal.aborted || context.limits.outOfTime()) return true;
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

/** What a check's failure on a case is (engine/fingerprint.ts): the failing call's operation and answer. */
function caseShape(model: OperationModel, family: CaseFamily, run: CaseRun, failure: CheckFailure): FailureShape {
  const exchange = run.exchanges[failure.step ?? 0] ?? run.exchanges[0];
  return {
    check: failure.check,
    operation: exchange ? operationOf(model, exchange.step).name : model.name,
    family: family.id,
    ...(family.covers ? { constraint: family.covers } : {}),
    answer: answerShape(model, exchange),
    // A deterministic family sends the same cases on every run; any other draws them from the seed.
    ...(family.cases ? {} : { varies: true }),
  };
}

/** A failure as the reports show it; `path` is the fast-check path that replays it (a shrunk one's, or the case's own). */
function record(model: OperationModel, group: SuiteGroup, options: RunOptions, check: Check, planned: Planned, shrunk: boolean, run: CaseRun, failures: CheckFailure[], shrunkPath?: string): FailureRecord {
  const { family } = planned;
  const path = shrunkPath ?? planned.from?.path ?? options.path ?? String(planned.index);
  // A corpus case was found with another run seed: its replay line names that one.
  const seed = planned.from?.seed ?? options.seed;
  const failure = failures[0]!;
  const exchange = run.exchanges[failure.step ?? 0] ?? run.exchanges[0]!;
  const id = createHash('sha1').update([group.id, check.id, family.id, seed, path].join('\u0000')).digest('hex').slice(0, 12);
  return {
    id,
    fingerprint: fingerprintOf(caseShape(model, family, run, failure)),
    check: check.id,
    family: family.id,
    caseTitle: family.title + (run.exchanges.length > 1 ? ` (step ${(failure.step ?? 0) + 1} of ${run.exchanges.length})` : ''),
    message: failures.length > 1 ? `${failure.message} (and ${failures.length - 1} more)` : failure.message,
    path: failure.path,
    expected: reportValue(failure.expected),
    actual: reportValue(failure.actual),
    seed,
    replayPath: path,
    shrunk,
    request: redactRequest(exchange.request),
    ...(exchange.response ? { response: { status: exchange.response.status, headers: exchange.response.headers, body: exchange.response.bodyText.slice(0, 16_384) } } : {}),
    ...(exchange.failure ? { transport: exchange.failure } : {}),
    curl: curlCommand(redactRequest(exchange.request), options.auth === 'sigv4' && !exchange.step.auth ? { region: options.region, service: model.spec.service.signingName } : undefined),
    caseDigest: caseDigest(run.case, options.voiceConnectorId),
    replay: `${options.replayBase} --seed ${seed} --family ${family.id} --path ${path} --case-digest ${caseDigest(run.case, options.voiceConnectorId)}`,
  };
}
