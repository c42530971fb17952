import type { EarlyStop } from '../src/model/report.ts';
import type { RunOptions } from './types.ts';

/**
 * The run's budgets: against a live account, sessions and requests and a client-side request rate; for
 * a CI gate, failing cases (--max-failures) and time (--time-budget). One instance per run, created with
 * the run's context (runContext.ts) and passed to every suite, so each budget is the whole run's whatever
 * runs the suites. So that a small --max-sessions does not go to the first suite alone, each suite may
 * create at most an equal share of what is left when it starts (beginSuite); what a suite does not use
 * stays for the later ones.
 */
export interface RunLimits {
  /** A suite starts, with `suitesLeft` suites of the run (itself included) still to run. */
  beginSuite(suitesLeft: number): void;
  /** Sessions the current suite may still create (its share, less those created or in flight); undefined without a budget. */
  sessionsLeft(): number | undefined;
  /**
   * Claims room for one more create; false when the session budget is spent (nothing is sent then).
   * `optional`: a create the run can do without (the SDK's copy of a step): refused quietly, without
   * saying the budget is spent, since the cases' own claimed creates may still go out.
   */
  reserveSession(optional?: boolean): boolean;
  /**
   * Claims room for a case's `count` creates at once, all or none (undefined: they do not fit), so that a
   * case with several creates either runs whole or not at all, instead of running out halfway and
   * counting as incomplete. Each create spends one unit (Transport SendOptions.claim); releaseClaim gives
   * back what the case did not use.
   */
  claimSessions(count: number): SessionClaim | undefined;
  releaseClaim(claim: SessionClaim): void;
  /** Settles a reserved or claimed create: only a create that succeeded used up budget. */
  settleSession(created: boolean): void;
  /** Claims one request; false when the request budget is spent. */
  reserveRequest(): boolean;
  /** Waits for the next slot of --rate requests per second. */
  pace(): Promise<void>;
  /** Why the run stopped creating, once a budget is spent. */
  readonly exhausted: string | undefined;
  /** A case or sequence failed a required check: it counts towards --max-failures. */
  countFailingCase(): void;
  /** Whether --time-budget is spent: no new case starts, and a shrink stops looking for smaller cases. */
  outOfTime(): boolean;
  /**
   * Why no new case or sequence may start in this run any more, in any suite (--max-failures reached,
   * --time-budget spent); undefined while they may. The first reason stays.
   */
  readonly halted: EarlyStop | undefined;
  readonly failingCases: number;
  readonly sessionsCreated: number;
  readonly requestsSent: number;
}

/** Room for creates claimed ahead (RunLimits.claimSessions): `left` of them not sent yet. */
export interface SessionClaim {
  left: number;
}

/** The limits of one run, from its options (--max-sessions, --max-requests, --rate). */
export function createRunLimits(options: Pick<RunOptions, 'maxSessions' | 'maxRequests' | 'rate' | 'preflightSessions' | 'maxFailures' | 'timeBudget'>): RunLimits {
  let created = 0;
  let failing = 0;
  let halted: EarlyStop | undefined;
  let pending = 0;
  let requests = 0;
  let exhausted: string | undefined;
  /** The session count the current suite may reach (its share), when the run has a session budget. */
  let suiteCap: number | undefined;
  let nextSlot = 0;
  const interval = options.rate ? 1000 / options.rate : 0;
  /** The budget as the user gave it: what the preflight used is part of it. */
  const flag = () => {
    const used = options.preflightSessions ?? 0;
    return `--max-sessions ${(options.maxSessions ?? 0) + used}${used > 0 ? `, ${used} of them used by the preflight` : ''}`;
  };
  const outOfTime = () => options.timeBudget !== undefined && Date.now() >= options.timeBudget.endsAt;
  const claimSessions = (count: number, quiet = false): SessionClaim | undefined => {
    const needed = count > 1 ? ` (the next case needed ${count} at once)` : '';
    if (options.maxSessions !== undefined && created + pending + count > options.maxSessions) {
      if (!quiet) exhausted ??= `the session budget is spent (${flag()}): no more sessions were created${needed}`;
      return undefined;
    }
    if (suiteCap !== undefined && created + pending + count > suiteCap) {
      if (!quiet) exhausted ??= `this suite's share of the session budget is spent (${flag()}, shared by the suites; what a suite leaves goes to the later ones): no more sessions were created${needed}`;
      return undefined;
    }
    pending += count;
    return { left: count };
  };
  return {
    beginSuite(suitesLeft) {
      if (options.maxSessions === undefined) return;
      const left = Math.max(0, options.maxSessions - created);
      suiteCap = created + Math.ceil(left / Math.max(1, suitesLeft));
      // A share spent by an earlier suite says nothing about this one; a spent run budget does.
      if (exhausted?.includes('share')) exhausted = undefined;
    },
    sessionsLeft() {
      if (options.maxSessions === undefined) return undefined;
      return Math.max(0, Math.min(options.maxSessions, suiteCap ?? options.maxSessions) - created - pending);
    },
    reserveSession: (optional) => claimSessions(1, optional) !== undefined,
    claimSessions: (count) => claimSessions(count),
    releaseClaim(claim) {
      pending -= claim.left;
      claim.left = 0;
    },
    settleSession(ok) {
      pending--;
      if (ok) created++;
    },
    reserveRequest() {
      if (options.maxRequests !== undefined && requests >= options.maxRequests) {
        exhausted ??= `the request budget is spent (--max-requests ${options.maxRequests}): no more requests were sent`;
        return false;
      }
      requests++;
      return true;
    },
    async pace() {
      if (interval === 0) return;
      const now = performance.now();
      const slot = Math.max(now, nextSlot);
      nextSlot = slot + interval;
      if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
    },
    get exhausted() {
      return exhausted;
    },
    countFailingCase() {
      failing++;
      if (options.maxFailures !== undefined && failing >= options.maxFailures) {
        halted ??= { by: 'max-failures', message: `${failing === 1 ? '1 case' : `${failing} cases`} failed a required check (--max-failures ${options.maxFailures}): no new case was started; the cases already in flight were judged` };
      }
    },
    outOfTime,
    get halted() {
      if (!halted && outOfTime()) halted = { by: 'time-budget', message: `the time budget was spent (--time-budget ${options.timeBudget!.seconds} s): no new case was started after it; what ran is judged` };
      return halted;
    },
    get failingCases() {
      return failing;
    },
    get sessionsCreated() {
      return created;
    },
    get requestsSent() {
      return requests;
    },
  };
}
