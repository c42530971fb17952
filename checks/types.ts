import type { Concern } from '../src/model/report.ts';
import type { Case, RequestCase } from '../generators/types.ts';
import type { TransportFailure, WireRequest, WireResponse } from '../src/protocol/index.ts';
import type { SdkOutcome } from '../src/sdk/index.ts';
import type { InvariantStrength, OperationModel } from '../src/spec/index.ts';

/** One request sent and what came back (exactly one of `response` and `failure`). */
export interface Exchange {
  step: RequestCase;
  request: WireRequest;
  response?: WireResponse;
  failure?: TransportFailure;
  /** Epoch milliseconds when the request was sent and when the answer was complete (for timestamp checks). */
  sentAt: number;
  receivedAt: number;
  /** Epoch milliseconds when the delete of the session this exchange created was sent (absent: not deleted, as far as we know). */
  deletedAt?: number;
  /** sdk-parses: what @aws-sdk/client-chime-sdk-voice made of the same request, sent right after (absent: not sent through the SDK). */
  sdk?: SdkOutcome;
}

/** A whole case after it ran: its steps' exchanges in order. */
export interface CaseRun {
  case: Case;
  exchanges: Exchange[];
  /** Why not every step was sent (the deadline passed, a budget was spent): no check looks at it. */
  incomplete?: string;
}

/** Why a check did not hold, with the data to see it (schemathesis-style failure, smithy ValidationFailure-style data). */
export interface CheckFailure {
  check: string;
  /** Where in the exchange: `status`, `header:x-amzn-errortype`, `body/ProxySession/Participants/0`, `transport`. */
  path: string;
  expected: unknown;
  actual: unknown;
  message: string;
  /** Index of the exchange inside the case that failed. */
  step?: number;
}

/** Run-wide state some checks need (uniqueness across cases). */
export interface CheckState {
  /** Every created session by id, with when it existed (from the create's answer to its delete). */
  seenSessionIds: Map<string, { token: symbol; from: number; to: number }[]>;
}

export interface CheckContext {
  model: OperationModel;
  run: CaseRun;
  state: CheckState;
  options: CheckOptions;
}

export interface CheckOptions {
  /** Turns opt-in checks into required ones (--strict). */
  strict: boolean;
}

export type { Concern };

/** What a report says of a check: its id, title, concern and strength (a sequence invariant is only this). */
export type CheckInfo = Pick<Check, 'id' | 'title' | 'concern' | 'strength'>;

export interface Check {
  id: string;
  title: string;
  concern: Concern;
  strength: InvariantStrength;
  /** False when the check has nothing to say about this case run (counted as skipped). */
  applies(ctx: CheckContext): boolean;
  run(ctx: CheckContext): CheckFailure[];
}
