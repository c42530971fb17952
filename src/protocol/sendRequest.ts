import { Agent, request as undiciRequest, type Dispatcher } from 'undici';
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

/** A keep-alive connection pool sized for the run's concurrency. */
export function createDispatcher(connections: number): Dispatcher {
  return new Agent({ connections, pipelining: 1, keepAliveTimeout: 4_000 });
}

/**
 * Sends one request and reads the whole response, never throwing: a hang, a reset or an oversized body
 * comes back as a TransportFailure with a readable message.
 */
export async function sendRequest(req: WireRequest, options: SendOptions): Promise<WireResponse | TransportFailure> {
  const started = performance.now();
  if (options.signal?.aborted) return failure('interrupted', 'not sent: the run is stopping (interrupted, or its cleanup time ran out)', started);
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  try {
    const res = await undiciRequest(req.url, {
      method: req.method as Dispatcher.HttpMethod,
      headers: req.headers,
      body: req.body,
      signal,
      dispatcher: options.dispatcher,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > options.maxBodyBytes) {
        res.body.destroy();
        const partialBody = Buffer.concat(chunks).subarray(0, 64 * 1024).toString('utf8');
        return { ...failure('too-large', `response body exceeds ${options.maxBodyBytes} bytes`, started), partialBody };
      }
      chunks.push(chunk as Buffer);
    }
    const bodyText = Buffer.concat(chunks).toString('utf8');
    return { status: res.statusCode, headers: flatten(res.headers), bodyText, ...parseAnswerJson(bodyText), elapsedMs: performance.now() - started };
  } catch (error) {
    if (options.signal?.aborted) return failure('interrupted', 'aborted: the run is stopping (interrupted, or its cleanup time ran out)', started);
    return classify(error, options.timeoutMs, started);
  }
}

/** Whether a send gave no response: a transport failure, or (from a run's transport) nothing sent at all. */
export function isTransportFailure<T extends TransportFailure | NotSent>(value: WireResponse | T): value is T {
  return 'kind' in value;
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function classify(error: unknown, timeoutMs: number, started: number): TransportFailure {
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return failure('timeout', `no complete response within ${timeoutMs} ms`, started);
  }
  if (code === 'ECONNREFUSED') return failure('refused', 'connection refused', started);
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return failure('reset', 'the server closed the connection before a complete response', started);
  return failure('other', `${code ? `${code}: ` : ''}${e.message ?? String(error)}`, started);
}

function failure(kind: TransportFailureKind, message: string, started: number): TransportFailure {
  return { kind, message, elapsedMs: performance.now() - started };
}
