import { AsyncLocalStorage } from 'node:async_hooks';
import type { HttpHandlerOptions, HttpRequest, HttpResponse, RequestHandler } from '@smithy/types';
import type { WireRequest, WireResponse } from '../protocol/index.ts';
import type { WireSend } from './types.ts';

/** The SDK's request handler, over the suite's own send: the SDK serialises, signs and parses; `send` only moves bytes. */
export interface WireHandler extends RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> {
  /** The complete response behind an HttpResponse this handler returned (for a created session's id when the SDK could not parse it). */
  wireOf(response: unknown): WireResponse | undefined;
  /**
   * Runs one command (`send`) and hands back, besides its result, the complete response it read (the last,
   * if it sent several). `creates`: whether the command may make a session (it is passed on to the WireSend).
   */
  capture<T>(send: () => Promise<T>, creates: boolean): Promise<{ result: T; wire: WireResponse | undefined }>;
  updateHttpClientConfig(): void;
  httpHandlerConfigs(): Record<string, never>;
}

/**
 * Adapts a WireSend to the SDK's RequestHandler. A transport failure becomes a thrown error named
 * `TransportFailure` (with `transport` set to its kind), a spent budget one named `NotSent`, as the
 * SDK's own Node handler throws on a reset or a timeout.
 */
export function wireHandler(send: WireSend): WireHandler {
  const wires = new WeakMap<object, WireResponse>();
  // The command being run, across the SDK's asynchronous middleware, so each call finds its own response.
  const calls = new AsyncLocalStorage<{ creates: boolean; wire?: WireResponse }>();
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request, options) {
      const call = calls.getStore();
      const result = await send(toWire(request), { ...(options?.requestTimeout ? { timeoutMs: options.requestTimeout } : {}), ...(call ? { creates: call.creates } : {}) });
      if ('kind' in result) {
        if (result.kind === 'not-sent') throw Object.assign(new Error(result.message), { name: 'NotSent' });
        throw Object.assign(new Error(result.message), { name: 'TransportFailure', transport: result.kind });
      }
      // A fresh copy: the SDK's body collector re-prototypes the Uint8Array it is given.
      const response: HttpResponse = { statusCode: result.status, headers: { ...result.headers }, body: new Uint8Array(Buffer.from(result.bodyText, 'utf8')) };
      wires.set(response, result);
      if (call) call.wire = result;
      return { response };
    },
    wireOf: (response) => (response && typeof response === 'object' ? wires.get(response) : undefined),
    async capture(run, creates) {
      const call: { creates: boolean; wire?: WireResponse } = { creates };
      const result = await calls.run(call, run);
      return { result, wire: call.wire };
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
  };
}

function toWire(request: HttpRequest): WireRequest {
  const port = request.port ? `:${request.port}` : '';
  const query = Object.entries(request.query ?? {}).flatMap(([k, v]) =>
    (Array.isArray(v) ? v : v === null || v === undefined ? [null] : [v]).map((x) => (x === null ? encodeURIComponent(k) : `${encodeURIComponent(k)}=${encodeURIComponent(x)}`)),
  );
  const url = `${request.protocol}//${request.hostname}${port}${request.path}${query.length ? `?${query.join('&')}` : ''}`;
  // Lower-case names like the rest of the suite; undici sets Host and Content-Length itself.
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]).filter(([k]) => k !== 'host' && k !== 'content-length'));
  return { method: request.method, url, headers, ...bodyOf(request.body) };
}

/** The body as text. The SDK's JSON serialiser hands over a Uint8Array subclass whose string methods warn, so it is read as bytes. */
function bodyOf(body: unknown): { body?: string } {
  if (body === undefined || body === null) return {};
  if (typeof body === 'string') return { body };
  if (body instanceof Uint8Array) return { body: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8') };
  throw new Error(`unsupported SDK request body (${Object.prototype.toString.call(body)})`);
}
