import type { RequestCase } from '../../generators/types.ts';
import type { NotSent, TransportFailure, WireRequest, WireResponse } from '../protocol/index.ts';
import type { SdkOperation, SdkOutcome, SdkSettings, WireSend } from './types.ts';

/** What the engine's thread tells the SDK worker (createSdkWorker.ts → sdkWorker.ts). */
export type ToWorker =
  /** A client for one run (one SdkSender): its operation data and settings. */
  | { type: 'open'; sender: number; operation: SdkOperation; settings: SdkSettings }
  /** Send one step through that client. */
  | { type: 'send'; sender: number; call: number; step: RequestCase; timeoutMs?: number }
  /** What the run's transport made of a request the SDK signed (`error`: the send threw). */
  | { type: 'wired'; wire: number; result: WireResponse | TransportFailure | NotSent }
  | { type: 'wired'; wire: number; error: string }
  | { type: 'close'; sender: number };

/** What the SDK worker tells the engine's thread. */
export type FromWorker =
  /** The SDK signed a request: the run's transport is to send it (budgets, rate, retries stay in one place). */
  | { type: 'wire'; sender: number; wire: number; request: WireRequest; options: Parameters<WireSend>[1] }
  /** A step's outcome (undefined: nothing was sent, a budget is spent). */
  | { type: 'done'; call: number; outcome: SdkOutcome | undefined }
  /** A step the worker could not handle at all (a bug, not an answer of the endpoint). */
  | { type: 'failed'; call: number; message: string };

/**
 * Messages go in batches: whatever one side has to say within one turn of its event loop goes in one
 * postMessage, since each postMessage wakes the other thread (with 32 cases in flight, several answers
 * often arrive in one turn).
 */
export interface Outbox<T> {
  post(message: T): void;
}

/** An Outbox over `send` that sends what was posted in one turn of the event loop as one array. */
export function outbox<T>(send: (batch: T[]) => void): Outbox<T> {
  let batch: T[] = [];
  const flush = () => {
    const out = batch;
    batch = [];
    send(out);
  };
  return {
    post(message) {
      if (batch.push(message) === 1) setImmediate(flush);
    },
  };
}
