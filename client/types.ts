import type { CaseKind } from '../generators/index.ts';
import type { Concern } from '../src/model/report.ts';
import type { InvariantStrength } from '../src/spec/index.ts';

/**
 * One case of a client run: one call the testee makes (or, with `paginate`, one listing it pages through)
 * while the emulator answers under one scenario.
 */
export interface ClientCase {
  /** `<scenario>/<family>/<index>`: stable for a seed, what `--case` takes and the replay line names. */
  id: string;
  scenario: string;
  /** The generator family the input comes from (generators/), or the scenario's own. */
  family: string;
  title: string;
  /** The spec constraint the family exercises, `<member pointer>#<constraint>` (coverage, fingerprints). */
  covers?: string;
  /** Must-accept, must-reject or a valid input nothing answers to (unknown connector or session). */
  kind: CaseKind;
  /** A deterministic family sends the same input on every run; others draw it from the seed. */
  varies: boolean;
  operation: string;
  /** The input as the SDK's operation parameters: labels, query members (by member name) and body members. */
  input: Record<string, unknown>;
  /** The runner creates a session first and puts its id into this label of the input. */
  sessionLabel?: string;
  /** The testee is asked to page through the listing with its SDK's paginator. */
  paginate?: boolean;
}

/** What the testee answered to one case (spec/testee-protocol.schema.json). */
export type TesteeReply =
  | { id: string; output: Record<string, unknown> }
  | { id: string; pages: Record<string, unknown>[] }
  | { id: string; error: { name: string; status?: number; local?: boolean; message?: string } }
  | { id: string; unsupported: string };

/** One answer the emulator wrote, as written. */
export interface SentAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Epoch milliseconds when it was written. */
  sentAt: number;
}

/** One HTTP request the client sent for a case, and what the emulator did with it. */
export interface ClientExchange {
  /** 0-based, in arrival order within the case. */
  index: number;
  /** Epoch milliseconds when the whole request (its body) had arrived. */
  receivedAt: number;
  method: string;
  /** The request target as received: path still percent-encoded, query included. */
  target: string;
  /** Header values by lower-case name, repeated headers in arrival order. */
  headers: Record<string, string[]>;
  body: Buffer;
  /** What the scenario made of this attempt, in a few words (`429 ThrottledClientException, Retry-After 1`). */
  scripted: string;
  answer?: SentAnswer;
  /** Epoch milliseconds when the connection was reset instead of answered (the reset scenario). */
  resetAt?: number;
}

/** A case after the testee answered it (or stopped answering). */
export interface ClientCaseRun {
  case: ClientCase;
  /** The line sent to the testee and the line it answered (absent: no answer). */
  sent: string;
  /** Epoch milliseconds when the line was sent (a case's turnaround runs from here to its first request). */
  askedAt: number;
  answered?: string;
  reply?: TesteeReply;
  exchanges: ClientExchange[];
}

/** Why a check did not hold, with the data to see it. */
export interface ClientFailure {
  check: string;
  /** Where: `request 2 path`, `output/ProxySession/CreatedTimestamp`, `reply`. */
  path: string;
  expected: unknown;
  actual: unknown;
  message: string;
  /** The exchange the failure is about (index into ClientCaseRun.exchanges), when one. */
  exchange?: number;
}

/** What every check may read besides the case run. */
export interface ClientCheckContext {
  run: ClientCaseRun;
  /** The compiled spec (its /clients section is there: runClient refuses a spec without it). */
  model: import('../src/spec/index.ts').OperationModel;
  /** The endpoint the testee was given, e.g. http://127.0.0.1:43567. */
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

export interface ClientCheck {
  id: string;
  title: string;
  concern: Concern;
  strength: InvariantStrength;
  /** False when the check has nothing to say about this case (counted as skipped). */
  applies(ctx: ClientCheckContext): boolean;
  run(ctx: ClientCheckContext): ClientFailure[];
}
