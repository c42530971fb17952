import type { CheckFailure, CheckInfo, CheckSummary, FailureRecord, SuiteSummary } from '../checks/index.ts';
import type { FailureFingerprint, FailureShape } from '../src/model/report.ts';
import { fingerprintOf } from './fingerprint.ts';
import { beginSuite } from './beginSuite.ts';
import { excludedBecause } from './checkSelection.ts';
import { latencySummary } from './latencySummary.ts';
import type { RunContext } from './runContext.ts';
import type { SuiteGroup, SuiteResult } from './types.ts';

/** Failing examples kept per check besides the one that is shrunk. */
const EXAMPLES = 2;
/**
 * Distinct fingerprints kept per check: far more than the families × answers of a real defect, and a
 * bound on what an endpoint answering with ever-new error names can make a run keep.
 */
const MAX_FINGERPRINTS = 500;
/** Reruns of each kept failing example unless --reruns says otherwise: enough to tell a flaky failure. */
export const DEFAULT_RERUNS = 2;

/** A family as the loop sees it: what the report says of it. */
export interface PlannedFamily {
  id: string;
  title: string;
  kind: string;
  covers?: string;
}

/** One unit of a suite (a case, a lifecycle sequence or probe), planned from its family's seed. */
export interface Planned<F extends PlannedFamily, V> {
  family: F;
  index: number;
  seed: number;
  value: V;
  /** A case replayed from the failure corpus: its entry, and the run seed and path it was found at. */
  from?: { key: string; seed: number; path: string };
}

/** What sending and judging one unit gave. */
export interface Outcome {
  /** What the checks found, each naming its check. */
  failures: readonly CheckFailure[];
  /** The checks that had something to judge. */
  looked: ReadonlySet<string>;
  /** Latencies of the requests it sent (not cleanup). */
  latencies: readonly number[];
  /** A request got no answer at all (the endpoint may be gone): why. */
  unanswered?: string;
  /** Why the unit stopped without a verdict: a spent budget (a notice) or the deadline (an error). */
  stopped?: { reason: 'budget' | 'deadline'; message: string };
  /** Checks the unit could not judge, with why (e.g. no controllable clock). */
  unjudged?: Readonly<Record<string, string>>;
}

/** A failing unit kept for the report. */
export interface Kept<U, O> {
  unit: U;
  outcome: O;
}

/** What a kind of suite brings to the one loop: its units, how to run one, how to report a failure. */
export interface SuiteDriver<F extends PlannedFamily, V, O extends Outcome> {
  families: readonly F[];
  checks: readonly CheckInfo[];
  /** One family's units, generated as the loop takes them; a replay whose case changed says so in `mismatches`. */
  plan(family: F, mismatches: string[]): Iterable<Planned<F, V>>;
  /**
   * The suite's entries of the failure corpus (RunOptions.corpus) as units, run before every other one;
   * an entry whose case is no longer there (another spec or tool version) is in `stale`.
   */
  replays?(stale: string[]): Planned<F, V>[];
  /** How many units `plan` gives, without generating them (for the progress line). */
  count(family: F): number;
  /** Units in flight at once. */
  width: number;
  /** Units in a row that got no answer after which the suite stops sending, and how it says so. */
  giveUp: { after: number; says(why: string): string };
  run(unit: Planned<F, V>): Promise<O>;
  /** What a check's failure on a unit is (engine/fingerprint.ts): its fingerprint's inputs. */
  shape(unit: Planned<F, V>, outcome: O, failure: CheckFailure): FailureShape;
  /** Why a family is not run at all (its plan is then empty), or undefined; the report says so for it. */
  notRun?(family: F): string | undefined;
  /** A check's failure records from its earliest failing units: the first shrunk where that is worth it. */
  records(check: CheckInfo, kept: readonly Kept<Planned<F, V>, O>[]): Promise<FailureRecord[]>;
  /** What the suite adds to its summary (e.g. the lifecycle's consistency repeats). */
  summary?(): Partial<SuiteSummary>;
}

/**
 * The one runner of every suite: plan → send → judge → shrink → summarise. Units are generated family by
 * family as the pool reaches them, sent with at most `width` in flight, and judged as they finish; only
 * counts and each check's few earliest failing units are kept, so memory does not grow with --runs. Which
 * failures are kept and shrunk depends on the plan, never on the order answers arrived in. A spent budget
 * ends the suite with a notice, the deadline or an endpoint that stopped answering with an error, an
 * interrupt quietly (the caller names the signal; nothing is shrunk after it).
 *
 * The run's halt (--max-failures, --time-budget; RunLimits.halted) is checked before each unit starts, so
 * it stops this suite and every later one, each with a notice; units in flight finish and are judged. A
 * unit that failed a required check counts towards --max-failures. Excluded checks (checkSelection.ts)
 * count nothing, here or towards the halt, and are reported as excluded.
 */
export async function runPlanned<F extends PlannedFamily, V, O extends Outcome>(context: RunContext, group: SuiteGroup, driver: SuiteDriver<F, V, O>): Promise<SuiteResult> {
  const { options, transport } = context;
  const started = performance.now();
  const retriesBefore = transport.retries;
  beginSuite(context, group.id);
  const excluded = new Map(driver.checks.flatMap((c) => {
    const why = excludedBecause(options.checkSelection, c.id);
    return why === undefined ? [] : [[c.id, why] as const];
  }));
  const required = new Set(driver.checks.filter((c) => c.strength === 'required' && !excluded.has(c.id)).map((c) => c.id));
  const advisory = new Set(driver.checks.filter((c) => c.strength === 'advisory').map((c) => c.id));
  const tallies = new Map(
    driver.checks.filter((c) => !excluded.has(c.id)).map((c) => [c.id, { judged: 0, failed: 0, kept: [] as (Kept<Planned<F, V>, O> & { order: number })[], fingerprints: new Map<string, FailureFingerprint>() }]),
  );
  const perFamily = new Map(driver.families.map((f) => [f, { cases: 0, failed: 0 }]));
  const unjudged: Record<string, string> = {};
  const latencies: number[] = [];
  const mismatches: string[] = [];

  const startedAt = Date.now();
  let done = 0;
  let failing = 0;
  let unanswered = 0;
  let stopped: string | undefined;
  // A run halted by an earlier suite: this one starts nothing (and generates nothing), and says why in
  // short (the run's report says it in full once).
  const haltedBefore = context.limits.halted;
  let notice: string | undefined = haltedBefore && `the run stopped before this suite started (--${haltedBefore.by})`;
  const stale: string[] = [];
  const replayed = haltedBefore ? [] : (driver.replays?.(stale) ?? []);
  const total = replayed.length + driver.families.reduce((n, f) => n + driver.count(f), 0);
  const corpus = new Map<string, boolean>();
  // --record: a unit's exchanges wait for its verdict; one that was interrupted or stopped was not judged.
  const runUnit = (unit: Planned<F, V>): Promise<O> => {
    const origin = { phase: 'case' as const, suite: group.id, family: unit.family.id, path: unit.from?.path ?? options.path ?? String(unit.index) };
    return options.traffic ? options.traffic.judged(origin, () => driver.run(unit), (o) => (o.stopped || context.signal.aborted ? undefined : o.failures)) : driver.run(unit);
  };
  const units = (function* () {
    yield* replayed;
    for (const family of driver.families) yield* driver.plan(family, mismatches);
  })();
  const send = async () => await pool(units, driver.width, async (unit, order) => {
    stopped ??= mismatches[0];
    if (stopped || notice || context.signal.aborted) return false;
    const halted = context.limits.halted;
    if (halted) {
      notice ??= halted.message;
      return false;
    }
    if (Date.now() > options.deadline) {
      stopped ??= 'the run deadline passed before every case was sent';
      return false;
    }
    const outcome = await runUnit(unit);
    // A unit that was in flight when the run was interrupted had its requests aborted by the run itself:
    // what it saw says nothing of the endpoint, so it is not judged (the report holds the units judged before).
    if (context.signal.aborted) return false;
    if (outcome.stopped) {
      if (outcome.stopped.reason === 'budget') notice ??= outcome.stopped.message;
      else stopped ??= outcome.stopped.message;
      return false;
    }
    done++;
    latencies.push(...outcome.latencies);
    const failed = new Set(outcome.failures.map((f) => f.check).filter((id) => !excluded.has(id)));
    if (unit.from) corpus.set(unit.from.key, [...failed].some((id) => !advisory.has(id)));
    for (const [id, tally] of tallies) {
      if (!failed.has(id) && !outcome.looked.has(id)) continue;
      tally.judged++;
      if (!failed.has(id)) continue;
      tally.failed++;
      const shape = driver.shape(unit, outcome, outcome.failures.find((f) => f.check === id)!);
      const fingerprint = fingerprintOf(shape);
      const seen = tally.fingerprints.get(fingerprint);
      if (seen) seen.cases++;
      else if (tally.fingerprints.size < MAX_FINGERPRINTS) tally.fingerprints.set(fingerprint, { fingerprint, ...shape, cases: 1 });
      tally.kept.push({ unit, outcome, order });
      tally.kept.sort((a, b) => a.order - b.order);
      tally.kept.length = Math.min(tally.kept.length, 1 + EXAMPLES);
    }
    for (const [id, why] of Object.entries(outcome.unjudged ?? {})) unjudged[id] ??= why;
    const family = perFamily.get(unit.family)!;
    family.cases++;
    if ([...failed].some((id) => required.has(id))) {
      family.failed++;
      failing++;
      context.limits.countFailingCase();
    }
    context.progress({ suite: group.id, done, total, failing, startedAt });
    unanswered = outcome.unanswered !== undefined ? unanswered + 1 : 0;
    if (unanswered >= driver.giveUp.after) stopped ??= driver.giveUp.says(outcome.unanswered!);
    return true;
  });
  if (notice === undefined) await send();
  stopped ??= mismatches[0];
  // --record: what a check's records send (shrinking its earliest failing unit) is noted as that shrink's.
  const recordsOf = (check: CheckInfo, kept: readonly Kept<Planned<F, V>, O>[]) => {
    const first = kept[0]?.unit;
    const origin = { phase: 'shrink' as const, suite: group.id, check: check.id, ...(first ? { family: first.family.id, path: options.path ?? String(first.index) } : {}) };
    return options.traffic && kept.length > 0 ? options.traffic.within(origin, () => driver.records(check, kept)) : driver.records(check, kept);
  };
  const reruns = await rerunKept(context, runUnit, tallies);
  const checks: CheckSummary[] = [];
  for (const check of driver.checks) {
    const tally = tallies.get(check.id);
    if (!tally) {
      checks.push({ suite: group.id, check: check.id, title: check.title, concern: check.concern, strength: check.strength, cases: 0, passed: 0, failed: 0, skipped: done, excluded: excluded.get(check.id)!, failures: [] });
      continue;
    }
    const labels = tally.kept.map((k) => rerunLabel(driver, k, check.id, reruns.get(k.unit)));
    for (const [i, k] of tally.kept.entries()) {
      const label = labels[i];
      if (label && label.failed < label.runs) {
        const shape = driver.shape(k.unit, k.outcome, k.outcome.failures.find((f) => f.check === check.id)!);
        const entry = tally.fingerprints.get(fingerprintOf(shape));
        if (entry) entry.flaky = true;
      }
    }
    const records = (await recordsOf(check, tally.kept)).map((r, i) => (labels[i] ? { ...r, rerun: labels[i] } : r));
    checks.push({
      suite: group.id,
      check: check.id,
      title: check.title,
      concern: check.concern,
      strength: check.strength,
      cases: tally.judged,
      passed: tally.judged - tally.failed,
      failed: tally.failed,
      skipped: done - tally.judged,
      ...(tally.judged === 0 && unjudged[check.id] ? { skipReason: unjudged[check.id] } : {}),
      failures: records,
      // In a fixed order, so the same failures give the same report whatever order answers came in.
      ...(tally.fingerprints.size > 0 ? { fingerprints: [...tally.fingerprints.values()].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint)) } : {}),
    });
  }
  const corpusOutcomes = [...[...corpus].map(([key, failed]) => ({ key, outcome: failed ? ('failed' as const) : ('passed' as const) })), ...stale.map((key) => ({ key, outcome: 'stale' as const }))];
  return {
    ...(corpusOutcomes.length > 0 ? { corpus: corpusOutcomes } : {}),
    suite: {
      suite: group.id,
      title: group.title,
      cases: done,
      requests: latencies.length,
      durationMs: performance.now() - started,
      ...latencySummary(latencies),
      families: driver.families.map((f) => {
        const notRun = driver.notRun?.(f);
        return { id: f.id, title: f.title, kind: f.kind, ...(f.covers ? { covers: f.covers } : {}), ...perFamily.get(f)!, ...(notRun !== undefined ? { notRun } : {}) };
      }),
      retries: transport.retries - retriesBefore,
      ...driver.summary?.(),
      ...(notice ? { notice } : {}),
      ...(stopped ? { error: stopped } : {}),
    },
    checks,
  };
}

/**
 * --reruns: every unit kept as a failing example runs again, one after another after the suite (so nothing
 * else is in flight), `options.reruns` times; a unit kept by several checks runs once for all. Not after an
 * interrupt, nor once the deadline is near or a budget is spent: an example not rerun is simply not labelled.
 */
async function rerunKept<F extends PlannedFamily, V, O extends Outcome>(
  context: RunContext,
  run: (unit: Planned<F, V>) => Promise<O>,
  tallies: ReadonlyMap<string, { kept: readonly Kept<Planned<F, V>, O>[] }>,
): Promise<Map<Planned<F, V>, O[]>> {
  const times = context.options.reruns ?? DEFAULT_RERUNS;
  const done = new Map<Planned<F, V>, O[]>();
  if (times === 0) return done;
  for (const tally of tallies.values()) {
    for (const { unit } of tally.kept) {
      if (done.has(unit)) continue;
      const outcomes: O[] = [];
      for (let n = 0; n < times; n++) {
        // Reruns are cases too: none once the run's --time-budget is spent.
        if (context.signal.aborted || context.limits.halted?.by === 'time-budget' || Date.now() + context.options.timeoutMs > context.options.deadline) return done;
        const outcome = await run(unit);
        if (outcome.stopped) return done;
        outcomes.push(outcome);
      }
      done.set(unit, outcomes);
    }
  }
  return done;
}

/** How many reruns of a kept example failed the check again with the same fingerprint (undefined: not rerun). */
function rerunLabel<F extends PlannedFamily, V, O extends Outcome>(driver: SuiteDriver<F, V, O>, kept: Kept<Planned<F, V>, O>, check: string, outcomes: readonly O[] | undefined): { runs: number; failed: number } | undefined {
  if (!outcomes) return undefined;
  const print = (o: O) => {
    const failure = o.failures.find((f) => f.check === check);
    return failure && fingerprintOf(driver.shape(kept.unit, o, failure));
  };
  const original = print(kept.outcome);
  return { runs: outcomes.length, failed: outcomes.filter((o) => print(o) === original).length };
}

/**
 * Runs `task` on the items the iterator yields, in order, with at most `width` in flight; `position` counts
 * from 0. A task that answers false ends its worker (the suite stopped), so the rest is never generated. A
 * task that throws stops every worker from taking another item; the pool waits for those in flight (their
 * sessions are deleted by then) and only then rethrows, so nothing of the suite runs on behind its back.
 */
async function pool<T>(items: Iterator<T>, width: number, task: (item: T, position: number) => Promise<boolean>): Promise<void> {
  let position = 0;
  let failed = false;
  const worker = async () => {
    try {
      for (let next = items.next(); !failed && !next.done; next = items.next()) if (!(await task(next.value, position++))) return;
    } catch (error) {
      failed = true;
      throw error;
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: width }, worker));
  const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (rejected) throw rejected.reason;
}
