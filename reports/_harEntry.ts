import { STATUS_CODES } from 'node:http';
import type { CapturedExchange, TrafficNote } from '../src/model/traffic.ts';
import { redactRequest } from '../src/protocol/index.ts';

/**
 * One exchange as a HAR 1.2 entry (http://www.softwareishard.com/blog/har-12-spec/), with the request
 * redacted as every report redacts it, and `_conformance` (a custom field: HAR readers ignore fields that
 * start with `_`) saying which case it belongs to. The caller still redacts the entry's text
 * (redactText): an answer may quote a signature.
 */
export function harEntry(exchange: CapturedExchange, note: TrafficNote): Record<string, unknown> {
  const timings = timingsOf(exchange);
  return {
    startedDateTime: new Date(exchange.startedAt).toISOString(),
    time: ms(Object.values(timings).reduce((sum, t) => sum + Math.max(0, t), 0)),
    request: requestOf(exchange),
    response: responseOf(exchange),
    cache: {},
    timings,
    _conformance: note,
  };
}

function requestOf({ request }: CapturedExchange): Record<string, unknown> {
  const sent = redactRequest(request);
  // Most calls have no query: no URL to parse then.
  const url = sent.url.includes('?') && URL.canParse(sent.url) ? new URL(sent.url) : undefined;
  const body = sent.body;
  return {
    method: sent.method,
    url: sent.url,
    httpVersion: 'HTTP/1.1',
    cookies: [],
    headers: Object.entries(sent.headers).map(([name, value]) => ({ name, value })),
    queryString: url ? [...url.searchParams].map(([name, value]) => ({ name, value })) : [],
    ...(body !== undefined ? { postData: { mimeType: sent.headers['content-type'] ?? '', text: body } } : {}),
    headersSize: -1,
    bodySize: body === undefined ? 0 : Buffer.byteLength(body),
  };
}

function responseOf({ result }: CapturedExchange): Record<string, unknown> {
  if ('kind' in result) {
    // No complete answer: HAR has no field for it. Status 0 with the reason in `_error` is how Chromium's
    // own HAR export records a failed request; the comment shows it in readers that ignore custom fields.
    const error = `${result.kind}: ${result.message}`;
    const partial = result.partialBody;
    return {
      status: 0,
      statusText: '',
      httpVersion: '',
      cookies: [],
      headers: [],
      content: { size: partial === undefined ? 0 : Buffer.byteLength(partial), mimeType: '', ...(partial !== undefined ? { text: partial, comment: 'the first bytes of a body that was not read to its end' } : {}) },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
      comment: `no complete answer (${error})`,
      _error: error,
    };
  }
  const size = Buffer.byteLength(result.bodyText);
  return {
    status: result.status,
    statusText: STATUS_CODES[result.status] ?? '',
    httpVersion: 'HTTP/1.1',
    cookies: [],
    headers: Object.entries(result.headers).map(([name, value]) => ({ name, value })),
    content: { size, mimeType: result.headers['content-type'] ?? '', text: result.bodyText },
    redirectURL: result.headers.location ?? '',
    headersSize: -1,
    bodySize: size,
  };
}

/**
 * The HAR timings: blocked (queueing and connecting: the client does not tell them apart), wait (request
 * sent to first header) and receive (headers to the end of the body). Without the pool's marks
 * (CapturedExchange.phases) the whole exchange counts as waiting. `time` is their sum, as HAR 1.2 requires.
 */
function timingsOf({ result, phases }: CapturedExchange): { blocked?: number; send: number; wait: number; receive: number } {
  if (!phases) return { send: 0, wait: ms(result.elapsedMs), receive: 0 };
  const headers = phases.headers ?? phases.ended;
  return { blocked: ms(phases.started), send: 0, wait: ms(headers - phases.started), receive: ms(phases.ended - headers) };
}

/** Milliseconds to the microsecond, never negative (HAR: send, wait and receive are non-negative). */
function ms(value: number): number {
  return Math.max(0, Math.round(value * 1000) / 1000);
}
