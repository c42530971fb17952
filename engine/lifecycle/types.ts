import type fc from 'fast-check';
import type { LifecycleTerms } from '../../generators/index.ts';
import type { Check, CheckFailure, TrackedSession } from '../../checks/index.ts';
import type { TransportFailure, WireRequest, WireResponse } from '../../src/protocol/index.ts';
import type { OperationModel } from '../../src/spec/index.ts';
import type { Transport } from '../createTransport.ts';
import type { RunLimits, SessionClaim } from '../runLimits.ts';
import type { RunOptions } from '../types.ts';

/** What every call of one lifecycle suite run shares: the operations, the transport and the counters. */
export interface LifecycleRuntime {
  /** The conformance target (CreateProxySession); its siblings are in `ops`. */
  model: OperationModel;
  ops: { create: OperationModel; get: OperationModel; list: OperationModel; update: OperationModel; delete: OperationModel; getProxy: OperationModel };
  terms: LifecycleTerms;
  options: RunOptions;
  transport: Transport;
  /** The run's budgets (runContext.ts). */
  limits: RunLimits;
  /** The per-call checks every call is judged by (checksFor), as every case's request is. */
  checks: readonly Check[];
  /** Aborted when the run must stop: no new sequence starts. */
  signal: AbortSignal;
  /** The connector label every call carries. */
  connector: Record<string, string>;
  /** spec /lifecycle/consistency, with the first delay possibly overridden (RunOptions.consistencyDelayMs). */
  consistency: { attempts: number; delayMs: number; maxDelayMs: number };
  /** The least ExpiryMinutes a session can have (PositiveInteger's range): the expiry assumed when none is known. */
  minExpiryMinutes: number;
  stats: LifecycleStats;
}

/** Counters of the suite run: what the SuiteSummary reports. */
export interface LifecycleStats {
  /** Latency of every request of judged sequences and scenarios (not shrinking, not cleanup). */
  latencies: number[];
  /** Reads repeated because they did not yet show an earlier write (spec /lifecycle/consistency). */
  consistencyRetries: number;
}

/**
 * One call of a sequence as the report shows it: in words, the operation's name, the exchange, and how
 * often it was repeated for consistency. Also the clock moves of the expiry probe (not AWS calls).
 */
export interface RecordedCall {
  title: string;
  operation: string;
  request: WireRequest;
  response?: WireResponse;
  failure?: TransportFailure;
  consistencyRetries?: number;
}

/** The model of one sequence: its pool of numbers and every session it created, in order. */
export interface LifecycleState {
  pool: string[];
  sessions: TrackedSession[];
  /** Spec /lifecycle/expired/slackSeconds, in ms: how early a session may have closed by this machine's clock. */
  expirySlackMs: number;
}

/** The real side of one sequence run: what it sent, what the checks looked at, what it must delete. */
export interface SequenceRun {
  runtime: LifecycleRuntime;
  calls: RecordedCall[];
  /** Checks that had something to judge in this run. */
  looked: Set<string>;
  /** Sessions this run created, by id: their cleanup labels, and whether an answer has shown them gone. */
  created: Map<string, { labels: Record<string, string>; gone: boolean }>;
  /** Whether this run's requests count in the suite's latencies (false while shrinking). */
  counted: boolean;
  /** Room claimed ahead for its creates (RunLimits.claimSessions), so that it runs whole or not at all. */
  claim?: SessionClaim;
}

/** A lifecycle sequence step as fast-check runs it (fc.asyncModelRun). */
export type LifecycleCommand = fc.AsyncCommand<LifecycleState, SequenceRun>;

/** The outcome of one sequence or scenario run. */
export interface RunOutcome {
  calls: RecordedCall[];
  looked: Set<string>;
  /** What the checks found, each placed at its call (`step`, 0-based). */
  failures: CheckFailure[];
  /** Why the run stopped before its end without a verdict: a spent budget or the deadline. */
  stopped?: { reason: 'budget' | 'deadline'; message: string };
  /** Checks this run could not judge, with the reason (e.g. no controllable clock). */
  unjudged?: Record<string, string>;
}
