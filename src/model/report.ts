import type { TransportFailure, WireRequest } from '../protocol/index.ts';
import type { InvariantStrength } from '../spec/index.ts';

/**
 * Report groups: status, response schema and invariants, error contract, cross-session, transport; and, for
 * a client under test (`conformance client`), what it put on the wire, how it retried and paged, how it read.
 */
export type Concern = 'transport' | 'status' | 'response-schema' | 'invariants' | 'error-contract' | 'cross-session' | 'wire' | 'behaviour' | 'reading';

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
  /**
   * failedChecks: required checks that failed in a way the baseline does not list (what fails the run);
   * knownFailures: required checks that failed only in ways it lists.
   */
  totals: { checks: number; failedChecks: number; knownFailures?: number; advisoryFindings: number; cases: number; requests: number };
  /** Tool-level problems (a suite that crashed, the deadline): they make the verdict `error`. */
  errors: string[];
  /** `conformance client`: the testee's command, which drives the client under test (the run judges it, not the endpoint). */
  testee?: { command: string[] };
  /** With --baseline: the file, and its entries that no longer fail ("fixed: remove from the baseline"). */
  baseline?: BaselineOutcome;
  /**
   * --family PATTERN: the case families it selected and those it did not (not run); absent without
   * --family. Ids of the suites the run knows, opt-in suites only when they ran.
   */
  familySelection?: { pattern: string; selected: string[]; notSelected: string[] };
  /** The run stopped starting new cases before the end (--max-failures, --time-budget): why. Not an error. */
  stoppedEarly?: EarlyStop;
}

/** What a run made of its baseline (--baseline FILE). */
export interface BaselineOutcome {
  file: string;
  /** Entries whose check and family ran and did not fail with that fingerprint. */
  fixed: { fingerprint: string; check: string; family: string; reason?: string }[];
  /** Entries the run could not judge (their check or family did not run): neither fixed nor failing. */
  notRun: number;
  /** Set by --update-baseline: the file was rewritten with this run's failures. */
  updated?: boolean;
}

/** Why a run stopped starting new cases before it had run them all, though nothing went wrong. */
export interface EarlyStop {
  /** `max-failures`: that many cases failed a required check; `time-budget`: the run's time budget was spent. */
  by: 'max-failures' | 'time-budget';
  message: string;
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
  /**
   * The run did not judge this check (--exclude-check, or not among --include-check), and why: it counts
   * no case and cannot fail the run. Reported, never dropped, so a report says what it did not look at.
   */
  excluded?: string;
  /** Failing examples, the shrunk one first; at most a few per check. */
  failures: FailureRecord[];
  /** Every distinct failure of the check in the run, by fingerprint, with how many cases had it. */
  fingerprints?: FailureFingerprint[];
}

/**
 * What a failure is, independent of the seed, --runs, the shard, the order and timing: the inputs of its
 * fingerprint. The same defect gives the same shape, and so the same fingerprint, on every run.
 */
export interface FailureShape {
  check: string;
  /** The operation of the call that failed. */
  operation: string;
  family: string;
  /** The constraint the case broke (its family's `covers`, e.g. `/Name#pattern`), when it broke one. */
  constraint?: string;
  /** The wrong answer in a few words: `400 BadRequestException application/json`, or `no answer: timeout`. */
  answer: string;
  /**
   * The failing case came from a family whose cases change with the seed (random inputs, random sequences
   * of calls): another seed may meet the same defect in another call. Not part of the fingerprint.
   */
  varies?: boolean;
}

export interface FailureFingerprint extends FailureShape {
  /** 12 hex digits of a hash of the shape. */
  fingerprint: string;
  /** Failing cases with this fingerprint in the run. */
  cases: number;
  /** Set when an example with this fingerprint passed a rerun (--reruns): the failure comes and goes. */
  flaky?: true;
  /** Set when the run's baseline (--baseline) lists the fingerprint: a known failure, not a new one. */
  known?: KnownFailure;
}

/** A baseline's word on a known failure. */
export interface KnownFailure {
  reason?: string;
  link?: string;
  /** The baseline marks it flaky (`flaky: true`): it comes and goes, and is known as such. */
  flaky?: boolean;
  /**
   * `fingerprint`: the baseline lists this very fingerprint. `answer`: a failure of a family whose cases
   * change with the seed, known because the baseline lists the same check failing on the same operation
   * with the same answer.
   */
  match: 'fingerprint' | 'answer';
}

export interface FailureRecord {
  /** Id of this example (suite, check, family, seed, path): what `replay` takes. */
  id: string;
  /** The fingerprint of what failed (FailureFingerprint): the same for the same defect on every run. */
  fingerprint?: string;
  check: string;
  family: string;
  /** The family's title: the member, constraint and how, or the accepted-case shape. */
  caseTitle: string;
  message: string;
  path: string;
  expected: unknown;
  actual: unknown;
  /**
   * The example run again (--reruns) after the suite: `failed` of `runs` reruns failed the same check with
   * the same fingerprint. Reproducible when every rerun did, flaky when one did not.
   */
  rerun?: { runs: number; failed: number };
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
  /** The case's digest (engine/caseDigest.ts), as the replay line's --case-digest has it. */
  caseDigest?: string;
  /**
   * For a failing sequence of calls (the lifecycle suite): every call of the shrunk sequence, numbered,
   * the failing one last. `request`/`response` above are that last call's. For a client under test: every
   * request it sent for the case, with the answer each got.
   */
  sequence?: SequenceStep[];
  /** For a client under test (`conformance client`): the line the runner sent the testee and the line it answered. */
  testee?: { sent: string; answered?: string };
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
