import { AsyncLocalStorage } from 'node:async_hooks';
import type { CheckFailure } from '../checks/index.ts';
import type { CapturedExchange, TrafficNote, TrafficOrigin, TrafficSink } from '../src/model/traffic.ts';

/** A failure's message in a recording: enough to recognise it; the report has the rest. */
const MESSAGE_CHARS = 300;
/** Failures noted per case; the report lists them all. */
const FAILURES_NOTED = 20;

/**
 * What the run records of its traffic (--record): the run's client hands it every exchange it sends, and the
 * engine tells it which case (or which part of the run) each belongs to and, once a case is judged, whether
 * it failed. With `failuresOnly` (--record-failures) only the exchanges of cases that failed a check are kept.
 */
export interface TrafficCapture {
  /** From the run's client (engine/createTransport.ts): one attempt sent, and what came back. */
  exchange(exchange: CapturedExchange): void;
  /** A credential the run signs with: the recording never contains it. */
  secret(value: string | undefined): void;
  /**
   * Runs one case (or lifecycle sequence or probe) as `origin`. Its exchanges are held until `verdict` says
   * what its checks found (undefined: it was not judged, e.g. interrupted), then written with the failures,
   * or dropped when only failing cases are kept and it failed nothing. Only the exchanges of the cases in
   * flight are held at once, so memory does not grow with the run.
   */
  judged<T>(origin: TrafficOrigin, work: () => Promise<T>, verdict: (value: T) => readonly CheckFailure[] | undefined): Promise<T>;
  /**
   * Runs a part of the run that is no case of its own (the preflight, cleanup, a shrink) as `origin`: its
   * exchanges are written at once. With only failing cases kept, a shrink's are kept (it only ever runs for a
   * failed check) and the others dropped.
   */
  within<T>(origin: TrafficOrigin, work: () => Promise<T>): Promise<T>;
  /** Exchanges written so far. */
  readonly kept: number;
  /** Ends the recording (see TrafficSink.close). */
  close(): Promise<void>;
}

interface Held {
  exchange: CapturedExchange;
  step?: number;
}

interface Scope {
  origin: TrafficOrigin;
  /** Calls sent so far: the next call's step. */
  calls: number;
  /** Set once the scope is decided; until then its exchanges wait in `held`. */
  decision?: { keep: boolean; failures?: TrafficNote['failures'] };
  held: Held[];
}

export function createTrafficCapture(sink: TrafficSink, options: { failuresOnly: boolean }): TrafficCapture {
  // Which case an exchange belongs to follows the async calls from the case down to the client, through the
  // official SDK's middleware and every retry, without threading a parameter through code we do not own.
  // Made only for a run that records: on Node 20 a used AsyncLocalStorage adds a hook to every promise.
  const scopes = new AsyncLocalStorage<Scope>();
  const outside: Scope = { origin: { phase: 'run' }, calls: 0, decision: { keep: !options.failuresOnly }, held: [] };
  let kept = 0;
  let closing: Promise<void> | undefined;

  const write = (scope: Scope, { exchange, step }: Held) => {
    const { role, attempt } = exchange;
    const failures = scope.decision?.failures;
    sink.write(exchange, { ...scope.origin, role, ...(step !== undefined ? { step } : {}), ...(attempt > 1 ? { attempt } : {}), ...(failures && failures.length > 0 ? { failures } : {}) } as TrafficNote);
    kept++;
  };
  const decide = (scope: Scope, failures: readonly CheckFailure[] | undefined) => {
    const keep = !options.failuresOnly || (failures !== undefined && failures.length > 0);
    scope.decision = { keep, ...(failures ? { failures: failures.slice(0, FAILURES_NOTED).map(noted) } : {}) };
    if (keep) for (const held of scope.held) write(scope, held);
    scope.held = [];
  };

  return {
    exchange(exchange) {
      if (closing) return;
      const scope = scopes.getStore() ?? outside;
      // A retry belongs to the call it repeats; SDK copies and cleanup are no call of the case.
      const step = exchange.role !== 'call' ? undefined : exchange.attempt === 1 ? scope.calls++ : Math.max(0, scope.calls - 1);
      const held = { exchange, ...(step !== undefined ? { step } : {}) };
      if (!scope.decision) scope.held.push(held);
      else if (scope.decision.keep) write(scope, held);
    },
    secret(value) {
      if (value) sink.secret(value);
    },
    async judged<T>(origin: TrafficOrigin, work: () => Promise<T>, verdict: (value: T) => readonly CheckFailure[] | undefined): Promise<T> {
      const scope: Scope = { origin, calls: 0, held: [] };
      let value: T;
      try {
        value = await scopes.run(scope, work);
      } catch (error) {
        decide(scope, undefined);
        throw error;
      }
      decide(scope, verdict(value));
      return value;
    },
    within<T>(origin: TrafficOrigin, work: () => Promise<T>): Promise<T> {
      const keep = !options.failuresOnly || origin.phase === 'shrink';
      return scopes.run({ origin, calls: 0, decision: { keep }, held: [] }, work);
    },
    get kept() {
      return kept;
    },
    close: () => (closing ??= sink.close()),
  };
}

function noted(failure: CheckFailure): NonNullable<TrafficNote['failures']>[number] {
  const message = failure.message.length > MESSAGE_CHARS ? `${failure.message.slice(0, MESSAGE_CHARS)}…` : failure.message;
  return { check: failure.check, ...(failure.step !== undefined ? { step: failure.step } : {}), message };
}
