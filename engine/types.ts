import type { CaseFamily } from '../generators/index.ts';
import type { FamilyContext } from '../generators/index.ts';
import type { AuthSettings } from '../src/protocol/index.ts';
import type { CheckSummary, SuiteSummary } from '../checks/index.ts';
import type { OperationModel } from '../src/spec/index.ts';
import type { CheckSelection } from './checkSelection.ts';
import type { RunContext } from './runContext.ts';
import type { TrafficCapture } from './captureTraffic.ts';

/** Everything a run needs to know: what the CLI (or a library caller) hands the engine (runContext.ts). */
export interface RunOptions extends AuthSettings {
  endpoint: string;
  voiceConnectorId: string;
  target: 'embedded' | 'external';
  /**
   * The run may make voice connectors of its own and change them: against the embedded emulator (the run's
   * own) and with --provision (the user let the run make connectors). Only then do the families of the
   * operations that change a connector run (generators/connectorFamilies.ts: each case acts on what it or
   * the run made); otherwise the report lists them as not run, with why. Absent: false.
   */
  mayChangeConnectors?: boolean;
  /** Run seed; each family's seed derives from it and the family id. */
  seed: number;
  /** Cases per family. */
  runs: number;
  /** Per-request timeout. */
  timeoutMs: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Response bodies larger than this are failures. */
  maxBodyBytes: number;
  /** Opt-in checks become required. */
  strict: boolean;
  /** Failing cases of earlier runs, replayed first whatever the seed (cli/failureCorpus.ts). */
  corpus?: readonly CorpusEntry[];
  /** --reruns N: each kept failing example is run again N times and labelled reproducible or flaky (default 2). */
  reruns?: number;
  /** sdk-parses: also send each accept and named-error step through the official SDK (default true). */
  sdk?: boolean;
  /** Path of the spec file (undefined: the bundled one). */
  specFile?: string;
  /**
   * --shard i/n: this run sends only the cases whose (family id, case index) hashes to shard i (1-based)
   * of n (shardOf.ts); every case is still generated, so ids and replay lines match the unsharded run.
   */
  shard?: { index: number; count: number };
  /** Replay: only this family (and only this fast-check path of it). */
  family?: string;
  path?: string;
  /** Replay: the case at `path` runs only if it is still the one of the report (caseDigest.ts). */
  caseDigest?: string;
  /** Epoch ms after which no new request is sent. */
  deadline: number;
  /**
   * --time-budget S: no new case or sequence starts after `endsAt` (epoch ms); what ran is judged, and the
   * run says it stopped early (a notice, not an error). The deadline stays the hard stop.
   */
  timeBudget?: { seconds: number; endsAt: number };
  /** --max-failures N: no new case or sequence starts once N of them failed a required check (runLimits.ts). */
  maxFailures?: number;
  /** --exclude-check, --include-check: the checks this run does not judge (checkSelection.ts). */
  checkSelection?: CheckSelection;
  /**
   * Budgets against a live account: sessions created (and voice connectors, which the connector families'
   * cases make) and requests sent, for the whole run.
   */
  maxSessions?: number;
  /** Sessions of --max-sessions the preflight used before the suites (maxSessions is what is left), for messages. */
  preflightSessions?: number;
  /** The suites of this run in the order they run (cli/suiteOrderSequencer.ts): each gets a share of --max-sessions. */
  suiteOrder?: string[];
  maxRequests?: number;
  /** Where created and deleted sessions are recorded (see sessionJournal.ts). */
  journalFile?: string;
  /** Client-side rate limit, requests per second. */
  rate?: number;
  /** How this run is re-invoked, for replay lines (flags other than seed/family/path). */
  replayBase: string;
  /**
   * The first delay between repeats of a read that does not yet show a write (lifecycle suite); default
   * spec /lifecycle/consistency delayMs. Only the project's own tests set it: their emulator never lags,
   * so only a broken one is read again, and the spec's delays would just make those tests slow.
   */
  consistencyDelayMs?: number;
  /**
   * --record: what the run records of its traffic. Every client made from these options (the suites', the
   * preflight's, cleanup's) hands it what it sends, and the engine tells it which case each exchange is of.
   */
  traffic?: TrafficCapture;
}

/** The results of one suite run: its summary and one summary per check (a check that judged nothing may say why: skipReason). */
export interface SuiteResult {
  suite: SuiteSummary;
  checks: CheckSummary[];
  /** The corpus entries of this suite replayed first (RunOptions.corpus): whether each failed again, or is stale. */
  corpus?: CorpusOutcome[];
}

/** A failing case kept from an earlier run (cli/failureCorpus.ts), replayed before the run's own cases. */
export interface CorpusEntry {
  /** family, seed and path, joined: one entry per case. */
  key: string;
  family: string;
  /** The run seed and fast-check path that regenerate the case (as its replay line has them). */
  seed: number;
  path: string;
  caseDigest?: string;
  runs: number;
}

/** What replaying a corpus entry gave: it failed a required or opt-in check again, passed, or is no longer there. */
export interface CorpusOutcome {
  key: string;
  outcome: 'failed' | 'passed' | 'stale';
}

/**
 * A suite that is not a set of independent request cases (the lifecycle suite's model-based sequences):
 * it runs itself and names its own checks and families.
 */
export interface SuiteRunner {
  /** Every family id it can replay with --family. */
  familyIds(model: OperationModel): string[];
  run(context: RunContext, group: SuiteGroup): Promise<SuiteResult>;
}

/** A suite: a named group of case families. */
export interface SuiteGroup {
  id: string;
  title: string;
  /** Every family id of this suite starts with it (a replay of one family skips the other suites). */
  familyPrefix: string;
  /** Runs only when asked for (--checks auth, --suite auth): it needs an endpoint that checks signatures. */
  optIn?: boolean;
  families(model: OperationModel, ctx: FamilyContext): CaseFamily[];
  /** Its own runner, instead of runGroup over `families` (which it then leaves empty). */
  runner?: SuiteRunner;
}
