import type { TransportFailure, WireRequest, WireResponse } from '../protocol/index.ts';

/**
 * One request the run put on the wire and what came back: every attempt of every request that goes through
 * the run's client (engine/createTransport.ts), retries of a throttled answer included. `request` is as
 * sent, signature and all: whoever writes it out redacts it (src/protocol/redactRequest.ts).
 */
export interface CapturedExchange {
  request: WireRequest;
  result: WireResponse | TransportFailure;
  /** Epoch milliseconds when the request went out (after pacing and signing). */
  startedAt: number;
  /**
   * Milliseconds from `startedAt` until the request had a connection (queueing and connecting done), until
   * the answer's headers came (absent: none came) and until the exchange ended, when the client could tell.
   */
  phases?: { started: number; headers?: number; ended: number };
  /** Why it was sent (TrafficNote.role) and which attempt it was (1: the first; more: a retry). */
  role: TrafficRole;
  attempt: number;
}

/**
 * A case's or sequence's own call, its copy through the official SDK (sdk-parses), a delete or read of
 * cleanup, or a read or undo of the reference emulator's clock (not an AWS API) by the expiry probe, whose
 * move of the clock is one of its calls.
 */
export type TrafficRole = 'call' | 'sdk-parses' | 'cleanup' | 'clock-control';

/**
 * Where in the run an exchange belongs, so that a reader of a recording finds it in the report: its suite,
 * family and replay path for a case (or the check whose failing case was being shrunk), else the part of the
 * run around the suites that sent it.
 */
export type TrafficOrigin =
  | { phase: 'case'; suite: string; family: string; path: string }
  | { phase: 'shrink'; suite: string; check: string; family?: string; path?: string }
  | { phase: 'preflight' | 'provision' | 'cleanup' | 'run' };

/** What a recording says of one exchange (the HAR entry's `_conformance`). */
export type TrafficNote = TrafficOrigin & {
  role: TrafficRole;
  /** For a call: which call of its case it is, counted from 0 as the report's failures count steps. */
  step?: number;
  /** A retry of a throttled answer: which attempt (2 and up). */
  attempt?: number;
  /** The case's check failures, each with the step it is about; absent when it passed every check. */
  failures?: { check: string; step?: number; message: string }[];
};

/** Where a recording goes (reports/openHarFile.ts): exchanges are handed over as soon as they are decided on. */
export interface TrafficSink {
  write(exchange: CapturedExchange, note: TrafficNote): void;
  /** A credential the run signs with (a secret access key, a session token): never written, wherever it turns up. */
  secret(value: string): void;
  /** Ends the file; rejects when it could not be written (then it says why). */
  close(): Promise<void>;
}
