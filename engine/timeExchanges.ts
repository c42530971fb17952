import { AsyncLocalStorage } from 'node:async_hooks';
import { DecoratorHandler, type Dispatcher } from 'undici';
import type { CapturedExchange } from '../src/model/traffic.ts';

type Phases = NonNullable<CapturedExchange['phases']>;

/** A connection pool that also tells, for each exchange timed through it, when it got a connection and when the answer's headers came. */
export interface TimedDispatcher {
  dispatcher: Dispatcher;
  /** Runs `send` (one exchange over `dispatcher`) and says how long its phases took, as far as the pool saw them. */
  time<T>(send: () => Promise<T>): Promise<{ value: T; phases?: Phases }>;
}

/**
 * Wraps the run's pool with an undici interceptor, as undici's own interceptors (dump, dns) are written:
 * the handler, wrapped, notes when the request got a connection (onRequestStart: queueing and connecting are
 * over) and when the response headers arrived (onResponseStart), which a recording shows as blocked, waiting
 * and receiving time. The interceptor runs synchronously inside the client's call, so the exchange it
 * belongs to is the one whose `time` is running there, even when the pool queues the request and starts it
 * later from another connection's callback. The client itself (src/protocol/sendRequest.ts) is unchanged: if
 * it stops passing through this pool, exchanges are simply timed as a whole.
 */
export function timeExchanges(pool: Dispatcher): TimedDispatcher {
  const current = new AsyncLocalStorage<{ started?: number; headers?: number }>();
  const dispatcher = pool.compose((dispatch) => (options, handler) => {
    const marks = current.getStore();
    if (!marks) return dispatch(options, handler);
    const inner: Dispatcher.DispatchHandler = new DecoratorHandler(handler);
    return dispatch(options, {
      onRequestStart: (controller, context) => {
        marks.started ??= performance.now();
        inner.onRequestStart?.(controller, context);
      },
      onRequestUpgrade: (controller, status, headers, socket) => inner.onRequestUpgrade?.(controller, status, headers, socket),
      onResponseStart: (controller, status, headers, message) => {
        marks.headers ??= performance.now();
        inner.onResponseStart?.(controller, status, headers, message);
      },
      onResponseData: (controller, chunk) => inner.onResponseData?.(controller, chunk),
      onResponseEnd: (controller, trailers) => inner.onResponseEnd?.(controller, trailers),
      onResponseError: (controller, error) => inner.onResponseError?.(controller, error),
    });
  });
  return {
    dispatcher,
    async time(send) {
      const marks: { started?: number; headers?: number } = {};
      const from = performance.now();
      const value = await current.run(marks, send);
      if (marks.started === undefined) return { value };
      return { value, phases: { started: marks.started - from, ...(marks.headers !== undefined ? { headers: marks.headers - from } : {}), ended: performance.now() - from } };
    },
  };
}
