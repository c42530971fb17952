import { Agent, getGlobalDispatcher, type Dispatcher } from 'undici';
import { parseAnswerJson } from './parseAnswerJson.ts';
import type { NotSent, TransportFailure, TransportFailureKind, WireRequest, WireResponse } from './types.ts';

export interface SendOptions {
  /** Whole-exchange limit: connect, headers and body. */
  timeoutMs: number;
  /** A larger body is a `too-large` failure; reading stops there, so a huge body cannot exhaust memory. */
  maxBodyBytes: number;
  dispatcher?: Dispatcher;
  /** Aborts the exchange from outside (the run was interrupted): an `interrupted` failure, not a timeout. */
  signal?: AbortSignal;
}

/** Response headers as undici parses them: lower-case names, a repeated header's values as an array. */
type IncomingHttpHeaders = Record<string, string | string[] | undefined>;

/** What a failure after the headers keeps of the body (TransportFailure.partialBody). */
const PARTIAL_BODY_BYTES = 64 * 1024;

/** A keep-alive connection pool sized for the run's concurrency. */
export function createDispatcher(connections: number): Dispatcher {
  return new Agent({ connections, pipelining: 1, keepAliveTimeout: 4_000 });
}

/**
 * Sends one request and reads the whole response, never throwing: a hang, a reset or an oversized body
 * comes back as a TransportFailure with a readable message. A failure after the headers arrived carries
 * the status and the bytes read so far (a create cut short may still name the session it made).
 *
 * It drives undici's dispatcher with a handler of its own instead of `undici.request`: the answer is read
 * into one buffer as it arrives, with no response stream, no async iterator and no AbortSignal per request
 * (together about a tenth of the CPU of a case). The whole-exchange limit is one timer that aborts the
 * exchange, as the signal did; the run's own signal (`options.signal`), when it fires, aborts it too.
 */
export function sendRequest(req: WireRequest, options: SendOptions): Promise<WireResponse | TransportFailure> {
  // Interrupted before it went out: nothing is sent (and nothing claims a connection).
  if (options.signal?.aborted) return Promise.resolve({ kind: 'interrupted', message: 'not sent: the run is stopping (interrupted, or its cleanup time ran out)', elapsedMs: 0 });
  return new Promise((resolve) => {
    const exchange = new Exchange(options, resolve);
    let url: URL;
    try {
      url = new URL(req.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`unsupported URL protocol ${url.protocol}`);
    } catch (error) {
      exchange.failWith(error);
      return;
    }
    // undici reports a request it refuses (a header it will not send, say) through onError.
    (options.dispatcher ?? getGlobalDispatcher()).dispatch(
      {
        origin: url.origin,
        path: url.search ? `${url.pathname}${url.search}` : url.pathname,
        method: req.method as Dispatcher.HttpMethod,
        headers: req.headers,
        body: req.body ?? null,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      },
      exchange,
    );
  });
}

/** Whether a send gave no response: a transport failure, or (from a run's transport) nothing sent at all. */
export function isTransportFailure<T extends TransportFailure | NotSent>(value: WireResponse | T): value is T {
  return 'kind' in value;
}

/** One exchange as undici's dispatcher drives it. */
class Exchange implements Dispatcher.DispatchHandler {
  readonly #started = performance.now();
  readonly #options: SendOptions;
  #resolve: ((result: WireResponse | TransportFailure) => void) | undefined;
  #controller: Dispatcher.DispatchController | undefined;
  readonly #timer: NodeJS.Timeout;
  /** Removed once settled: the run's signal outlives thousands of exchanges. */
  readonly #onAbort: (() => void) | undefined;
  #status: number | undefined;
  #headers: Record<string, string> | undefined;
  #chunks: Buffer[] = [];
  #size = 0;

  constructor(options: SendOptions, resolve: (result: WireResponse | TransportFailure) => void) {
    this.#options = options;
    this.#resolve = resolve;
    this.#timer = setTimeout(() => this.#fail('timeout', `no complete response within ${options.timeoutMs} ms`), options.timeoutMs);
    if (options.signal) {
      this.#onAbort = () => this.#fail('interrupted', 'aborted: the run is stopping (interrupted, or its cleanup time ran out)');
      options.signal.addEventListener('abort', this.#onAbort, { once: true });
    }
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    // Settled while it waited for a connection (the whole-exchange limit, or the run was interrupted): it goes no further.
    if (!this.#resolve) controller.abort(new Error('settled'));
    else this.#controller = controller;
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    // 1xx informational answers come before the real one.
    if (statusCode < 200) return;
    this.#status = statusCode;
    this.#headers = flatten(headers);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#size += chunk.length;
    this.#chunks.push(chunk);
    if (this.#size > this.#options.maxBodyBytes) {
      controller.pause();
      this.#fail('too-large', `response body exceeds ${this.#options.maxBodyBytes} bytes`);
    }
  }

  onResponseEnd(): void {
    const resolve = this.#settle();
    if (!resolve) return;
    const chunks = this.#chunks;
    const bodyText = chunks.length === 1 ? chunks[0]!.toString('utf8') : chunks.length === 0 ? '' : Buffer.concat(chunks).toString('utf8');
    resolve({ status: this.#status!, headers: this.#headers!, bodyText, ...parseAnswerJson(bodyText), elapsedMs: performance.now() - this.#started });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.failWith(error);
  }

  /** Settles with what an error means for the exchange (classify). */
  failWith(error: unknown): void {
    const { kind, message } = classify(error, this.#options.timeoutMs);
    this.#fail(kind, message);
  }

  /** Settles as a failure (once), and stops the exchange if it is still going. */
  #fail(kind: TransportFailureKind, message: string): void {
    const resolve = this.#settle();
    if (!resolve) return;
    const failure: TransportFailure = { kind, message, elapsedMs: performance.now() - this.#started };
    if (this.#status !== undefined) {
      failure.status = this.#status;
      failure.partialBody = partial(this.#chunks);
    }
    this.#controller?.abort(new Error(message));
    resolve(failure);
  }

  /** The resolver, the first time only; clears the timer and stops listening to the run's signal. */
  #settle(): ((result: WireResponse | TransportFailure) => void) | undefined {
    const resolve = this.#resolve;
    if (!resolve) return undefined;
    this.#resolve = undefined;
    clearTimeout(this.#timer);
    if (this.#onAbort) this.#options.signal!.removeEventListener('abort', this.#onAbort);
    return resolve;
  }
}

/** The first bytes read (PARTIAL_BODY_BYTES), as text. */
function partial(chunks: Buffer[]): string {
  const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  return bytes.subarray(0, PARTIAL_BODY_BYTES).toString('utf8');
}

/** undici's parsed headers with one string each: a repeated header's values joined with ", " (RFC 9110 5.3). */
function flatten(headers: IncomingHttpHeaders): Record<string, string> {
  for (const name in headers) {
    const value = headers[name];
    if (typeof value !== 'string') return Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v!]));
  }
  // Every value a string already (the usual case): undici's object as it is, names already lower-case.
  return headers as Record<string, string>;
}

function classify(error: unknown, timeoutMs: number): { kind: TransportFailureKind; message: string } {
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  if (e.name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return { kind: 'timeout', message: `no complete response within ${timeoutMs} ms` };
  if (code === 'ECONNREFUSED') return { kind: 'refused', message: 'connection refused' };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return { kind: 'reset', message: 'the server closed the connection before a complete response' };
  return { kind: 'other', message: `${code ? `${code}: ` : ''}${e.message ?? String(error)}` };
}
