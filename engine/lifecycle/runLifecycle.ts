import fc from 'fast-check';
import { lifecycleFamilies, lifecycleTerms, type LifecycleFamily, type LifecycleScenario, type LifecycleSequence } from '../../generators/index.ts';
import { checksFor, lifecycleChecks, type CheckFailure, type FailureRecord } from '../../checks/index.ts';
import type { IntegerShape, OperationModel } from '../../src/spec/index.ts';
import { excludedBecause } from '../checkSelection.ts';
import { digestMismatch } from '../digestMismatch.ts';
import { familyMatcher } from '../familyPattern.ts';
import { familySeed } from '../familySeed.ts';
import type { RunContext } from '../runContext.ts';
import type { RunOptions, SuiteGroup, SuiteResult } from '../types.ts';
import { runPlanned, type Outcome, type Planned as PlannedUnit } from '../runPlanned.ts';
import { sampleInChunks } from '../sampleInChunks.ts';
import { runScenario } from './runScenario.ts';
import { runSequence } from './runSequence.ts';
import { sequenceFailureRecord, sequenceShape } from './sequenceFailureRecord.ts';
import { shrinkSequence } from './shrinkSequence.ts';
import type { LifecycleRuntime, RunOutcome } from './types.ts';
import { valueAtPath } from './valueAtPath.ts';
import { fingerprintOf } from '../fingerprint.ts';

/** Calls per sequence at most: enough for create, act, delete and act again on a few sessions. */
export const MAX_COMMANDS = 12;
/** Sequences in a row whose endpoint failed a request (no answer) after which the suite stops sending. */
const GIVE_UP_AFTER = 3;
/**
 * Sequences per --runs: a sequence is up to MAX_COMMANDS calls whose interesting orders (create then read,
 * delete then act, two sessions sharing a participant) each turn up in only some sequences, so --runs 10
 * runs 30 sequences (against the reference emulator: about half a second).
 */
export const SEQUENCES_PER_RUN = 3;

type Planned = PlannedUnit<LifecycleFamily, LifecycleSequence | LifecycleScenario>;

/**
 * The lifecycle suite (spec /lifecycle, the lifecycle invariants), run by the one loop (runPlanned.ts): 3 ×
 * `--runs` model-based sequences of Create, Get, List, Update and Delete calls and their invalid variants,
 * then one run of each probe (expiry, sticky numbers, geo match, default expiry, paging). Every call is
 * judged by the per-call checks, each sequence by the sequence invariants. Each required check that failed
 * is shrunk to the shortest sequence that still fails it and reported with every call of that sequence.
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
  const { model, options } = context;
  const checks = lifecycleChecks(model, { strict: options.strict });
  const families = lifecycleFamilies(model, { maxCommands: MAX_COMMANDS });
  const inOtherShard = options.shard !== undefined && options.shard.index !== 1;
  const chosen = options.family === undefined ? () => true : familyMatcher(options.family);
  const selected = inOtherShard ? [] : families.filter((f) => chosen(f.id));
  const runtime = lifecycleRuntime(context);
  // Checks failing on the same sequence share one shrink (towards any of them).
  const shrinks = new Map<Planned, ReturnType<typeof shrinkSequence>>();
  const advisory = new Set(checks.filter((c) => c.strength === 'advisory').map((c) => c.id));
  const result = await runPlanned<LifecycleFamily, LifecycleSequence | LifecycleScenario, RunOutcome & Outcome>(context, group, {
    families: selected,
    checks,
    width: 1,
    giveUp: { after: GIVE_UP_AFTER, says: (why) => `the endpoint failed a request in ${GIVE_UP_AFTER} sequences in a row (${why}); the suite stopped sending` },
    plan: (family, mismatches) => planFamily(family, options, mismatches),
    // The corpus's sequences and probes, each from its own run seed and path (not in a shard or a replay).
    replays: (stale) =>
      !options.corpus || options.path !== undefined || options.shard
        ? []
        : options.corpus.flatMap((entry) => {
            const family = selected.find((f) => f.id === entry.family);
            if (!family) return [];
            const found = [...planFamily(family, { ...options, seed: entry.seed, path: entry.path, ...(entry.caseDigest ? { caseDigest: entry.caseDigest } : { caseDigest: undefined }) }, [])];
            if (found.length === 0) stale.push(entry.key);
            return found.map((unit) => ({ ...unit, from: { key: entry.key, seed: entry.seed, path: entry.path } }));
          }),
    count: (family) => (options.path !== undefined ? 1 : family.kind === 'sequence' ? SEQUENCES_PER_RUN * options.runs : 1),
    shape: (unit: Planned, outcome: RunOutcome, failure: CheckFailure) => sequenceShape(model, unit.family, outcome, failure),
    async run(unit) {
      const outcome = unit.family.kind === 'sequence' ? await runSequence(runtime, unit.value as LifecycleSequence, true) : await runScenario(runtime, unit.family, unit.value as LifecycleScenario);
      const latencies = outcome.calls.map((c) => c.response?.elapsedMs ?? c.failure?.elapsedMs ?? 0);
      const unanswered = outcome.calls.find((c) => c.failure && c.failure.kind !== 'too-large')?.failure?.message;
      return { ...outcome, latencies, ...(unanswered !== undefined ? { unanswered } : {}) };
    },
    async records(check, kept) {
      const replay = options.path;
      const [first, ...rest] = kept;
      if (!first) return [];
      const records: FailureRecord[] = [];
      // A corpus sequence was shrunk when it was kept; past --time-budget a failure is reported as found:
      // shrinking would run many more sequences.
      if (check.strength !== 'advisory' && first.unit.family.kind === 'sequence' && replay === undefined && !context.signal.aborted && !first.unit.from && !context.limits.outOfTime()) {
        // One shrink per failing sequence, towards any of the non-advisory checks it failed; a check the
        // shrunk sequence no longer fails gets a shrink of its own.
        const failed = new Set(first.outcome.failures.map((f) => f.check).filter((id) => !advisory.has(id)));
        let shared = shrinks.get(first.unit);
        if (!shared) shrinks.set(first.unit, (shared = shrinkSequence(runtime, first.unit.family.arbitrary, first.unit.seed, first.unit.index, failed, first.outcome)));
        let shrunk = await shared;
        if (!shrunk.outcome.failures.some((f) => f.check === check.id)) shrunk = await shrinkSequence(runtime, first.unit.family.arbitrary, first.unit.seed, first.unit.index, new Set([check.id]), first.outcome);
        const found = first.outcome.failures.find((f) => f.check === check.id)!;
        // The fingerprint of the failure as found (the check's fingerprints are of sequences as found).
        records.push({ ...sequenceFailureRecord(runtime, group.id, check, first.unit.family, { path: shrunk.path, value: shrunk.value ?? first.unit.value }, shrunk.shrunk, shrunk.outcome), fingerprint: fingerprintOf(sequenceShape(model, first.unit.family, first.outcome, found)) });
      } else {
        records.push(sequenceFailureRecord(runtime, group.id, check, first.unit.family, whereOf(first.unit, replay), false, first.outcome));
      }
      for (const { unit, outcome } of rest) records.push(sequenceFailureRecord(runtime, group.id, check, unit.family, whereOf(unit, replay), false, outcome));
      return records;
    },
    summary: () => ({ consistencyRetries: runtime.stats.consistencyRetries }),
  });
  if (!inOtherShard) return result;
  // The other shards run no sequence: every check says why it judged nothing.
  const why = `the lifecycle suite runs in shard 1 of ${options.shard?.count}`;
  return { ...result, checks: result.checks.map((c) => ({ ...c, skipReason: c.skipReason ?? why })) };
}

/**
 * One family's units: SEQUENCES_PER_RUN × `--runs` sequences, or one run of a probe, every value from the
 * family's seed (familySeed), as runGroup plans request cases. With --path, exactly the (possibly shrunk)
 * value at that path.
 */
function* planFamily(family: LifecycleFamily, options: RunOptions, mismatches: string[]): Generator<Planned> {
  const seed = familySeed(options.seed, family.id);
  const arbitrary = family.arbitrary as fc.Arbitrary<LifecycleSequence | LifecycleScenario>;
  if (options.path !== undefined) {
    const value = valueAtPath(arbitrary, seed, options.path);
    const mismatch = value && digestMismatch(value, { family: family.id, path: options.path, caseDigest: options.caseDigest, voiceConnectorId: options.voiceConnectorId });
    if (mismatch) mismatches.push(mismatch);
    if (value && !mismatch) yield { family, index: 0, seed, value };
    return;
  }
  const runs = family.kind === 'sequence' ? SEQUENCES_PER_RUN * options.runs : 1;
  for (const { index, value } of sampleInChunks(arbitrary, seed, runs)) yield { family, index, seed, value };
}

/** Where a unit is in its family, for its replay line: a corpus unit's own seed and path, else this run's. */
function whereOf(unit: Planned, replay: string | undefined): { path: string; value: unknown; seed?: number } {
  return unit.from ? { path: unit.from.path, value: unit.value, seed: unit.from.seed } : { path: replay ?? String(unit.index), value: unit.value };
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
    checks: checksFor(model, { strict: options.strict }).filter((c) => excludedBecause(options.checkSelection, c.id) === undefined),
    connector: Object.fromEntries(create.labels.map((l) => [l, options.voiceConnectorId])),
    consistency: { attempts: consistency.attempts, delayMs: options.consistencyDelayMs ?? consistency.delayMs, maxDelayMs: consistency.maxDelayMs },
    minExpiryMinutes: (expiry ? (create.shape(expiry.target) as IntegerShape).range?.min : undefined) ?? 1,
    stats: { latencies: [], consistencyRetries: 0 },
  };
}

