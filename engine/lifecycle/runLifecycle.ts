import fc from 'fast-check';
import { lifecycleFamilies, lifecycleTerms, type LifecycleFamily, type LifecycleScenario, type LifecycleSequence } from '../../generators/index.ts';
import { checksFor, lifecycleChecks, type CheckSummary, type FailureRecord, type LifecycleCheck } from '../../checks/index.ts';
import type { IntegerShape, OperationModel } from '../../src/spec/index.ts';
import { beginSuite } from '../beginSuite.ts';
import { digestMismatch } from '../digestMismatch.ts';
import { familySeed } from '../familySeed.ts';
import type { RunContext } from '../runContext.ts';
import type { RunOptions, SuiteGroup, SuiteResult } from '../types.ts';
import { latencySummary } from '../latencySummary.ts';
import { runScenario } from './runScenario.ts';
import { runSequence } from './runSequence.ts';
import { sequenceFailureRecord } from './sequenceFailureRecord.ts';
import { shrinkSequence } from './shrinkSequence.ts';
import type { LifecycleRuntime, RunOutcome } from './types.ts';
import { valueAtPath } from './valueAtPath.ts';

/** Calls per sequence at most: enough for create, act, delete and act again on a few sessions. */
export const MAX_COMMANDS = 12;
/** Sequences in a row whose endpoint failed a request (no answer) after which the suite stops sending. */
const GIVE_UP_AFTER = 3;
/** Failing examples kept per check besides the shrunk one. */
const EXAMPLES = 2;
/**
 * Sequences per --runs: a sequence is up to MAX_COMMANDS calls whose interesting orders (create then read,
 * delete then act, two sessions sharing a participant) each turn up in only some sequences, so --runs 10
 * runs 30 sequences (against the reference emulator: about half a second).
 */
export const SEQUENCES_PER_RUN = 3;

interface Planned {
  family: LifecycleFamily;
  index: number;
  seed: number;
  value: LifecycleSequence | LifecycleScenario;
}

/**
 * The lifecycle suite (spec /lifecycle, the lifecycle invariants): 3 × `--runs` model-based sequences of
 * Create, Get, List, Update and Delete calls and their invalid variants, one after another, then one run of
 * each probe (expiry, sticky numbers, geo match, default expiry). Each required check that failed is shrunk
 * to the shortest sequence that still fails it and reported with every call of that sequence.
 *
 * - Sessions: each sequence and probe deletes all it created when it ends, also while shrinking, and
 *   journals every create and delete (sessionJournal.ts), so a killed run can be swept.
 * - Shards: the suite runs whole in shard 1 of --shard N and the other shards report it with no case: a
 *   deterministic choice that keeps its expiry probe, which moves the endpoint's clock, from running
 *   under another shard's sequences, and the suite is small (about half a second on the emulator).
 * - One sequence at a time (--concurrency does not apply): the sequences then never see each other's
 *   sessions, and a run's counts do not depend on timing.
 * - Budgets: a spent --max-sessions or --max-requests ends the suite with a notice, not a failure.
 */
export async function runLifecycle(context: RunContext, group: SuiteGroup): Promise<SuiteResult> {
  const { model, options, transport } = context;
  const started = performance.now();
  const retriesBefore = transport.retries;
  const checks = lifecycleChecks(model, { strict: options.strict });
  const families = lifecycleFamilies(model, { maxCommands: MAX_COMMANDS });
  const inOtherShard = options.shard !== undefined && options.shard.index !== 1;
  const replaysElsewhere = options.family !== undefined && !options.family.startsWith(group.familyPrefix);
  const selected = inOtherShard || replaysElsewhere ? [] : families.filter((f) => options.family === undefined || f.id === options.family);
  const mismatches: string[] = [];
  const planned = plan(selected, options, mismatches);
  beginSuite(context, group.id);
  const runtime = lifecycleRuntime(context);
  // Judged as they finish: per check, the sequences it judged and failed, and the few failing ones the
  // report shows (the earliest in the plan); per family, its counts. No outcome is kept beyond those.
  const tallies = new Map(checks.map((c) => [c.id, { judged: 0, failed: 0, kept: [] as Kept[] }]));
  const perFamily = new Map(selected.map((f) => [f, { cases: 0, failed: 0 }]));
  const unjudged: Record<string, string> = {};
  let ran = 0;
  let notice: string | undefined;
  let error: string | undefined = mismatches[0];
  let failing = 0;
  let unanswered = 0;
  const startedAt = Date.now();
  // The progress line's "failing so far": sequences that failed a check that fails the run.
  const required = new Set(checks.filter((c) => c.strength === 'required').map((c) => c.id));
  for (const p of planned) {
    // An interrupted run starts no new sequence; the caller says why.
    if (context.signal.aborted) break;
    const outcome = p.family.kind === 'sequence' ? await runSequence(runtime, p.value as LifecycleSequence, true) : await runScenario(runtime, p.family, p.value as LifecycleScenario);
    // A spent budget is the user's limit (a notice); the deadline is an error. Neither case is judged.
    if (outcome.stopped) {
      if (outcome.stopped.reason === 'budget') notice = outcome.stopped.message;
      else error = outcome.stopped.message;
      break;
    }
    ran++;
    const failedRequired = outcome.failures.some((f) => required.has(f.check));
    const family = perFamily.get(p.family)!;
    family.cases++;
    if (failedRequired) {
      family.failed++;
      failing++;
    }
    for (const [id, tally] of tallies) {
      const failed = outcome.failures.some((f) => f.check === id);
      if (!failed && !outcome.looked.has(id)) continue;
      tally.judged++;
      if (!failed) continue;
      tally.failed++;
      if (tally.kept.length < 1 + EXAMPLES) tally.kept.push({ p, o: outcome });
    }
    for (const [id, why] of Object.entries(outcome.unjudged ?? {})) unjudged[id] ??= why;
    context.progress({ suite: group.id, done: ran, total: planned.length, failing, startedAt });
    unanswered = outcome.calls.some((c) => c.failure && c.failure.kind !== 'too-large') ? unanswered + 1 : 0;
    if (unanswered >= GIVE_UP_AFTER) {
      error = `the endpoint failed a request in ${GIVE_UP_AFTER} sequences in a row (${outcome.calls.find((c) => c.failure)?.failure?.message}); the suite stopped sending`;
      break;
    }
  }
  const summaries: CheckSummary[] = [];
  const shrinks: Shrinks = { started: new Map(), advisory: new Set(checks.filter((c) => c.strength === 'advisory').map((c) => c.id)) };
  for (const check of checks) summaries.push(await summarise(runtime, group, check, tallies.get(check.id)!, ran, shrinks));
  const shard = inOtherShard ? `the lifecycle suite runs in shard 1 of ${options.shard?.count}` : undefined;
  const skipReasons = Object.fromEntries(summaries.filter((c) => c.cases === 0 && (unjudged[c.check] ?? shard)).map((c) => [c.check, (unjudged[c.check] ?? shard)!]));
  return {
    suite: {
      suite: group.id,
      title: group.title,
      cases: ran,
      requests: runtime.stats.latencies.length,
      durationMs: performance.now() - started,
      ...latencySummary(runtime.stats.latencies),
      families: selected.map((family) => ({ id: family.id, title: family.title, kind: family.kind, ...perFamily.get(family)! })),
      retries: transport.retries - retriesBefore,
      consistencyRetries: runtime.stats.consistencyRetries,
      ...(notice ? { notice } : {}),
      ...(error ? { error } : {}),
    },
    checks: summaries,
    ...(Object.keys(skipReasons).length > 0 ? { skipReasons } : {}),
  };
}

/** A failing sequence kept for the report, with where it came from in the plan. */
interface Kept {
  p: Planned;
  o: RunOutcome;
}

/**
 * The cases of a suite run: SEQUENCES_PER_RUN × `--runs` sequences, one run of each probe, every value from its family's seed
 * (familySeed), as runGroup plans request cases. With --path, exactly the (possibly shrunk) value at that
 * path of the one --family.
 */
function plan(families: LifecycleFamily[], options: RunOptions, mismatches: string[]): Planned[] {
  return families.flatMap((family): Planned[] => {
    const seed = familySeed(options.seed, family.id);
    const arbitrary = family.arbitrary as fc.Arbitrary<LifecycleSequence | LifecycleScenario>;
    if (options.path !== undefined) {
      const value = valueAtPath(arbitrary, seed, options.path);
      const mismatch = value && digestMismatch(value, { family: family.id, path: options.path, caseDigest: options.caseDigest, voiceConnectorId: options.voiceConnectorId });
      if (mismatch) mismatches.push(mismatch);
      return value && !mismatch ? [{ family, index: 0, seed, value }] : [];
    }
    const runs = family.kind === 'sequence' ? SEQUENCES_PER_RUN * options.runs : 1;
    return fc.sample(arbitrary, { seed, numRuns: runs }).map((value, index) => ({ family, index, seed, value }));
  });
}

/** Shrinks done in this run, by the planned sequence they started from: checks failing on the same sequence share one. */
interface Shrinks {
  started: Map<Planned, ReturnType<typeof shrinkSequence>>;
  /** Advisory checks: a shrink never aims at them. */
  advisory: ReadonlySet<string>;
}

/** Per check: the failure records of the sequences kept for it, the first shrunk. */
async function summarise(runtime: LifecycleRuntime, group: SuiteGroup, check: LifecycleCheck, tally: { judged: number; failed: number; kept: Kept[] }, ran: number, shrinks: Shrinks): Promise<CheckSummary> {
  const records: FailureRecord[] = [];
  const replay = runtime.options.path;
  const [first, ...rest] = tally.kept;
  if (first && check.strength !== 'advisory' && first.p.family.kind === 'sequence' && replay === undefined) {
    // One shrink per failing sequence, towards any of the non-advisory checks it failed; a check the shrunk
    // sequence no longer fails gets a shrink of its own.
    const failed = new Set(first.o.failures.map((f) => f.check).filter((id) => !shrinks.advisory.has(id)));
    let shared = shrinks.started.get(first.p);
    if (!shared) shrinks.started.set(first.p, (shared = shrinkSequence(runtime, first.p.family.arbitrary, first.p.seed, first.p.index, failed, first.o)));
    let shrunk = await shared;
    if (!shrunk.outcome.failures.some((f) => f.check === check.id)) shrunk = await shrinkSequence(runtime, first.p.family.arbitrary, first.p.seed, first.p.index, new Set([check.id]), first.o);
    records.push(sequenceFailureRecord(runtime, group.id, check, first.p.family, { path: shrunk.path, value: shrunk.value ?? first.p.value }, shrunk.shrunk, shrunk.outcome));
  } else if (first) {
    records.push(sequenceFailureRecord(runtime, group.id, check, first.p.family, { path: replay ?? String(first.p.index), value: first.p.value }, false, first.o));
  }
  for (const { o, p } of rest) records.push(sequenceFailureRecord(runtime, group.id, check, p.family, { path: replay ?? String(p.index), value: p.value }, false, o));
  return {
    suite: group.id,
    check: check.id,
    title: check.title,
    concern: check.concern,
    strength: check.strength,
    cases: tally.judged,
    passed: tally.judged - tally.failed,
    failed: tally.failed,
    skipped: ran - tally.judged,
    failures: records,
  };
}

/** What every call of the suite run shares (LifecycleRuntime). */
function lifecycleRuntime({ model, options, transport, limits, signal }: RunContext): LifecycleRuntime {
  const create = model.operation(model.spec.operation.name);
  const consistency = model.spec.lifecycle.consistency;
  const expiry = create.bodyMembers.ExpiryMinutes;
  return {
    model,
    ops: {
      create,
      get: model.operation('GetProxySession'),
      list: model.operation('ListProxySessions'),
      update: model.operation('UpdateProxySession'),
      delete: model.operation(model.spec.cleanup.operation),
      getProxy: model.operation('GetVoiceConnectorProxy'),
    },
    terms: lifecycleTerms(model),
    options,
    transport,
    limits,
    signal,
    checks: checksFor(model, { strict: options.strict }),
    connector: Object.fromEntries(create.labels.map((l) => [l, options.voiceConnectorId])),
    consistency: { attempts: consistency.attempts, delayMs: options.consistencyDelayMs ?? consistency.delayMs, maxDelayMs: consistency.maxDelayMs },
    minExpiryMinutes: (expiry ? (create.shape(expiry.target) as IntegerShape).range?.min : undefined) ?? 1,
    stats: { latencies: [], consistencyRetries: 0 },
  };
}
