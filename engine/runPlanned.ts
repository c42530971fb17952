import type { CheckFailure, CheckInfo, CheckSummary, FailureRecord, SuiteSummary } from '../checks/index.ts';
import { beginSuite } from './beginSuite.ts';
import { latencySummary } from './latencySummary.ts';
import type { RunContext } from './runContext.ts';
import type { SuiteGroup, SuiteResult } from './types.ts';

/** Failing examples kept per check besides the one that is shrunk. */
const EXAMPLES = 2;

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
  /** How many units `plan` gives, without generating them (for the progress line). */
  count(family: F): number;
  /** Units in flight at once. */
  width: number;
  /** Units in a row that got no answer after which the suite stops sending, and how it says so. */
  giveUp: { after: number; says(why: string): string };
  run(unit: Planned<F, V>): Promise<O>;
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
 * interrupt quietly (the caller names the signal).
 */
export async function runPlanned<F extends PlannedFamily, V, O extends Outcome>(context: RunContext, group: SuiteGroup, driver: SuiteDriver<F, V, O>): Promise<SuiteResult> {
  const { options, transport } = context;
  const started = performance.now();
  const retriesBefore = transport.retries;
  beginSuite(context, group.id);
  const required = new Set(driver.checks.filter((c) => c.strength === 'required').map((c) => c.id));
  const tallies = new Map(driver.checks.map((c) => [c.id, { judged: 0, failed: 0, kept: [] as (Kept<Planned<F, V>, O> & { order: number })[] }]));
  const perFamily = new Map(driver.families.map((f) => [f, { cases: 0, failed: 0 }]));
  const unjudged: Record<string, string> = {};
  const latencies: number[] = [];
  const mismatches: string[] = [];
  const total = driver.families.reduce((n, f) => n + driver.count(f), 0);
  const startedAt = Date.now();
  let done = 0;
  let failing = 0;
  let unanswered = 0;
  let stopped: string | undefined;
  let notice: string | undefined;
  const units = (function* () {
    for (const family of driver.families) yield* driver.plan(family, mismatches);
  })();
  await pool(units, driver.width, async (unit, order) => {
    stopped ??= mismatches[0];
    if (stopped || notice || context.signal.aborted) return false;
    if (Date.now() > options.deadline) {
      stopped ??= 'the run deadline passed before every case was sent';
      return false;
    }
    const outcome = await driver.run(unit);
    if (outcome.stopped) {
      if (outcome.stopped.reason === 'budget') notice ??= outcome.stopped.message;
      else stopped ??= outcome.stopped.message;
      return false;
    }
    done++;
    latencies.push(...outcome.latencies);
    const failed = new Set(outcome.failures.map((f) => f.check));
    for (const [id, tally] of tallies) {
      if (!failed.has(id) && !outcome.looked.has(id)) continue;
      tally.judged++;
      if (!failed.has(id)) continue;
      tally.failed++;
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
    }
    context.progress({ suite: group.id, done, total, failing, startedAt });
    unanswered = outcome.unanswered !== undefined ? unanswered + 1 : 0;
    if (unanswered >= driver.giveUp.after) stopped ??= driver.giveUp.says(outcome.unanswered!);
    return true;
  });
  stopped ??= mismatches[0];
  const checks: CheckSummary[] = [];
  for (const check of driver.checks) {
    const tally = tallies.get(check.id)!;
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
      failures: await driver.records(check, tally.kept),
    });
  }
  return {
    suite: {
      suite: group.id,
      title: group.title,
      cases: done,
      requests: latencies.length,
      durationMs: performance.now() - started,
      ...latencySummary(latencies),
      families: driver.families.map((f) => ({ id: f.id, title: f.title, kind: f.kind, ...(f.covers ? { covers: f.covers } : {}), ...perFamily.get(f)! })),
      retries: transport.retries - retriesBefore,
      ...driver.summary?.(),
      ...(notice ? { notice } : {}),
      ...(stopped ? { error: stopped } : {}),
    },
    checks,
  };
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
