import type { TransportFailure, WireRequest } from '../protocol/index.ts';
import type { InvariantStrength } from '../spec/index.ts';

/** Report groups: status, response schema and invariants, error contract, cross-session, transport. */
export type Concern = 'transport' | 'status' | 'response-schema' | 'invariants' | 'error-contract' | 'cross-session';

/**
 * The finished results of a run, as plain JSON: what every reporter formats. Nothing in here runs anything.
 */
export interface RunReport {
  tool: { name: string; version: string };
  operation: string;
  endpoint: string;
  /** `embedded` when the CLI started the reference emulator itself. */
  target: 'embedded' | 'external';
  voiceConnectorId: string;
  seed: number;
  runs: number;
  /** --shard i/n: the report holds only shard `index` of `count` of the run's cases (merge-reports joins them). */
  shard?: { index: number; count: number };
  /** Made by merge-reports from the reports of shards `indexes` of `count` (all of them unless one is missing). */
  mergedShards?: { count: number; indexes: number[] };
  startedAt: string;
  durationMs: number;
  /** pass: no required check failed; fail: one did; error: the run could not complete (see `errors`). */
  verdict: 'pass' | 'fail' | 'error';
  suites: SuiteSummary[];
  checks: CheckSummary[];
  totals: { checks: number; failedChecks: number; advisoryFindings: number; cases: number; requests: number };
  /** Tool-level problems (a suite that crashed, the deadline): they make the verdict `error`. */
  errors: string[];
}

export interface SuiteSummary {
  suite: string;
  title: string;
  cases: number;
  requests: number;
  durationMs: number;
  /** Request latency in milliseconds: p50, p90, p99, max. */
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** Throttled or unavailable answers that were retried instead of judged. */
  retries?: number;
  /** Reads repeated because they did not yet show an earlier write (spec /lifecycle/consistency). */
  consistencyRetries?: number;
  /** Request latencies in buckets: `count` requests took at most `le` milliseconds (and more than the previous bucket). */
  latencyHistogram?: { le: number; count: number }[];
  /** The suite's case families: what each exercised (spec constraint it covers), how many cases, how many failed a required check. */
  families?: FamilySummary[];
  /** The suite stopped early for a reason that is not an error (a budget the user set was spent). */
  notice?: string;
  error?: string;
}

export interface FamilySummary {
  id: string;
  title: string;
  kind: string;
  /** `<member pointer>#<constraint>` of the spec this family exercises, when it targets one. */
  covers?: string;
  cases: number;
  /** Cases that failed at least one required check. */
  failed: number;
  /** Why the family did not run at all in this run (it changes voice connectors, and the run may not). */
  notRun?: string;
}

export interface CheckSummary {
  suite: string;
  check: string;
  title: string;
  concern: Concern;
  strength: InvariantStrength;
  /** Case runs the check looked at. */
  cases: number;
  passed: number;
  failed: number;
  skipped: number;
  /** Why the check looked at no case, when there is more to say than that (e.g. no controllable clock). */
  skipReason?: string;
  /** Failing examples, the shrunk one first; at most a few per check. */
  failures: FailureRecord[];
}

export interface FailureRecord {
  /** Stable fingerprint of (suite, check, family, seed, path): the same failure gets the same id across runs. */
  id: string;
  check: string;
  family: string;
  /** The family's title: the member, constraint and how, or the accepted-case shape. */
  caseTitle: string;
  message: string;
  path: string;
  expected: unknown;
  actual: unknown;
  /** fast-check seed and path that regenerate this exact (shrunk) case. */
  seed: number;
  replayPath: string;
  shrunk: boolean;
  /** The exchange that failed (secrets removed). */
  request: WireRequest;
  response?: { status: number; headers: Record<string, string>; body: string };
  transport?: TransportFailure;
  curl: string;
  /** Command line that re-runs exactly this case. */
  replay: string;
  /**
   * For a failing sequence of calls (the lifecycle suite): every call of the shrunk sequence, numbered,
   * the failing one last. `request`/`response` above are that last call's.
   */
  sequence?: SequenceStep[];
}

/** One numbered call of a failing sequence, as the reports show it. */
export interface SequenceStep {
  /** 1-based position in the sequence. */
  step: number;
  /** The call in words, e.g. `UpdateProxySession s2 Capabilities [SMS] ExpiryMinutes 30`. */
  title: string;
  operation: string;
  /** The request (secrets removed). */
  request: WireRequest;
  response?: { status: number; headers: Record<string, string>; body: string };
  transport?: TransportFailure;
  curl: string;
  /** How many times this read was repeated for eventual consistency before the answer shown. */
  consistencyRetries?: number;
}
