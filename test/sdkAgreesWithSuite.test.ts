import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestCase } from '../generators/types.ts';
import { errorTypeOf } from '../src/protocol/index.ts';
import { createSdkSender, sdkOperation, type SdkOutcome, type SdkSender } from '../src/sdk/index.ts';
import { defaultOperation } from '../src/spec/index.ts';
import { listenOnLoopback } from './support/listenOnLoopback.ts';

/**
 * The suite's own reading of an answer and the official SDK's (@aws-sdk/client-chime-sdk-voice) agree:
 * error names (header first, then body `code`, then `__type`; cut at `,` and `:`, namespace dropped) and
 * timestamps. A scripted server answers each request as a row says; the SDK sender sends to it directly.
 * Where they do not agree, the rows pin the difference, so it can only change on purpose.
 */
const model = defaultOperation();
let reply = { status: 400, headers: {} as Record<string, string>, body: '{}', hang: false };
let server: Server;
let sdk: SdkSender;
const step: RequestCase = { kind: 'reject', labels: { VoiceConnectorId: 'vc0' }, body: { ExpiryMinutes: 0 } };

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (reply.hang) return;
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body);
    });
  });
  const port = await listenOnLoopback(server);
  const endpoint = `http://127.0.0.1:${port}`;
  sdk = createSdkSender(sdkOperation(model), { endpoint, region: 'us-east-1', auth: 'none', timeoutMs: 500, maxBodyBytes: 1 << 20 });
});

afterAll(async () => {
  await sdk.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function answer(status: number, headers: Record<string, string>, body: unknown) {
  reply = { status, headers, body: typeof body === 'string' ? body : JSON.stringify(body), hang: false };
  return sdk.send(step);
}

/** The exception or failure name of an outcome (undefined for an output). */
const nameOf = (outcome: SdkOutcome | undefined) => (outcome && outcome.kind !== 'output' ? outcome.name : undefined);
/** The ProxySession of an output outcome. */
const sessionOf = (outcome: SdkOutcome | undefined) => (outcome?.kind === 'output' ? (outcome.output.ProxySession as Record<string, unknown> | undefined) : undefined);

describe('error names: the SDK and errorTypeOf agree', () => {
  const rows: [string, Record<string, string>, unknown, string][] = [
    ['the header', { 'x-amzn-errortype': 'BadRequestException' }, { Code: 'BadRequest', Message: 'm' }, 'BadRequestException'],
    ['a Coral :namespace suffix', { 'x-amzn-errortype': 'BadRequestException:http://internal.amazon.com/coral/com.amazonaws.chime/' }, { Code: 'BadRequest' }, 'BadRequestException'],
    ['a shape-id namespace', { 'x-amzn-errortype': 'com.amazonaws.chime#NotFoundException' }, {}, 'NotFoundException'],
    ['a , suffix', { 'x-amzn-errortype': 'ForbiddenException,Detail' }, {}, 'ForbiddenException'],
    ['the header before the body', { 'x-amzn-errortype': 'NotFoundException' }, { Code: 'BadRequestException' }, 'NotFoundException'],
    ['body Code without a header', {}, { Code: 'BadRequest', Message: 'm' }, 'BadRequest'],
    ['body code in any case', {}, { code: 'NotFoundException' }, 'NotFoundException'],
    ['body __type last', {}, { __type: 'aws.chime#ForbiddenException' }, 'ForbiddenException'],
    ['a name the operation does not model', { 'x-amzn-errortype': 'ValidationException' }, {}, 'ValidationException'],
    ['an empty header', { 'x-amzn-errortype': '' }, { Code: 'NotFoundException' }, ''],
  ];
  it.each(rows)('%s', async (_, headers, body, name) => {
    const outcome = await answer(400, headers, body);
    expect(outcome).toMatchObject({ kind: 'error', name, httpStatusCode: 400 });
    expect(errorTypeOf(headers, body)).toBe(name);
  });

  it('modelled names become their exception classes with the answer status', async () => {
    for (const [name, status] of [['BadRequestException', 400], ['UnauthorizedClientException', 401], ['ForbiddenException', 403], ['NotFoundException', 404], ['ThrottledClientException', 429], ['ServiceFailureException', 500], ['ServiceUnavailableException', 503]] as const) {
      expect(await answer(status, { 'x-amzn-errortype': name }, { Code: 'X', Message: 'm' })).toMatchObject({ kind: 'error', name, httpStatusCode: status, fault: status >= 500 ? 'server' : 'client' });
    }
  });

  // Known differences, pinned: src/protocol/errorType.ts trims, takes the text after the LAST '#', and
  // reads only a string `code`; the JS SDK does none of these. No conforming service sends these forms.
  it('agrees even on forms no conforming service sends (errorTypeOf copies the SDK rule)', async () => {
    for (const [headers, body] of [
      [{ 'x-amzn-errortype': 'a#b#BadRequestException' }, {}],
      [{}, { Code: ' BadRequestException ' }],
      [{}, { Code: 400 }],
    ] as [Record<string, string>, Record<string, unknown>][]) {
      expect(errorTypeOf(headers, body)).toBe(nameOf(await answer(400, headers, body)));
    }
    // Where the SDK finds no name it says 'Unknown'; the suite says none (and error-contract fails).
    expect(nameOf(await answer(400, {}, {}))).toBe('Unknown');
    expect(errorTypeOf({}, {})).toBeUndefined();
    // A null Code makes the SDK itself throw a TypeError rather than a service exception.
    expect(await answer(400, {}, { Code: null, __type: 'NotFoundException' })).toMatchObject({ kind: 'failure', name: 'TypeError', httpStatusCode: 400 });
  });
});

describe('timestamps: what the SDK turns into Dates', () => {
  const session = (ts: unknown) => ({ ProxySession: { ProxySessionId: 'p1', CreatedTimestamp: ts, UpdatedTimestamp: ts } });
  it.each([
    ['2026-11-27T03:00:00.000Z', '2026-11-27T03:00:00.000Z'],
    ['2026-11-27T03:00:00Z', '2026-11-27T03:00:00.000Z'],
    ['2026-11-27T05:00:00+02:00', '2026-11-27T03:00:00.000Z'],
    ['2026-11-27T03:00:00.123456Z', '2026-11-27T03:00:00.123Z'],
    ['2026-11-27t03:00:00z', '2026-11-27T03:00:00.000Z'],
  ])('%s (response-schema accepts it too)', async (ts, iso) => {
    const outcome = await answer(201, {}, session(ts));
    expect(outcome).toMatchObject({ kind: 'output', httpStatusCode: 201, createdSessionId: 'p1', answer: session(ts) });
    expect((sessionOf(outcome)?.CreatedTimestamp as Date).toISOString()).toBe(iso);
    expect((sessionOf(outcome)?.UpdatedTimestamp as Date).toISOString()).toBe(iso);
    expect(sessionOf(outcome)).not.toHaveProperty('EndedTimestamp');
    expect(model.validateOutput(session(ts))).toEqual([]);
  });

  it('refuses epoch seconds, and a space for the T, which response-schema (ajv date-time) lets through', async () => {
    expect(await answer(201, {}, session(1796180400))).toMatchObject({ kind: 'failure', name: 'TypeError', httpStatusCode: 201, createdSessionId: 'p1' });
    expect(await answer(201, {}, session('2026-11-27 03:00:00Z'))).toMatchObject({ kind: 'failure', name: 'TypeError', httpStatusCode: 201, createdSessionId: 'p1' });
    expect(model.validateOutput(session('2026-11-27 03:00:00Z'))).toEqual([]);
  });

  it('ignores unknown members and leaves absent timestamps missing', async () => {
    const outcome = await answer(201, {}, { Extra: 1, ProxySession: { ProxySessionId: 'p2', Unknown: { a: 1 } } });
    expect(outcome).toMatchObject({ kind: 'output', createdSessionId: 'p2' });
    expect(sessionOf(outcome)).toEqual({ ProxySessionId: 'p2' });
  });
});

describe('the SDK sender', () => {
  it('reports an unparseable body and a hang as failures, never throwing', async () => {
    expect(await answer(400, { 'x-amzn-errortype': 'BadRequestException' }, 'Bad Request')).toMatchObject({ kind: 'failure', name: 'SyntaxError', httpStatusCode: 400 });
    reply = { ...reply, hang: true };
    expect(await sdk.send(step)).toMatchObject({ kind: 'failure', name: 'TransportFailure', transport: 'timeout' });
  });

  it('sends the body members and the URI label the way the raw request does', async () => {
    let seen: { url?: string; body?: string; auth?: string } = {};
    const spy = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen = { url: req.url, body, auth: req.headers.authorization };
        res.writeHead(404, { 'x-amzn-errortype': 'NotFoundException' }).end('{}');
      });
    });
    const spyPort = await listenOnLoopback(spy);
    const spySdk = createSdkSender(sdkOperation(model), { endpoint: `http://127.0.0.1:${spyPort}`, region: 'us-east-1', auth: 'none', timeoutMs: 2000, maxBodyBytes: 1 << 20 });
    try {
      const body = { ParticipantPhoneNumbers: ['+12065550100', '+12065550101'], Capabilities: ['Voice', 'SMS'], Name: 'n', ExpiryMinutes: 0, GeoMatchParams: { Country: 'US' } };
      await spySdk.send({ kind: 'reject', labels: { VoiceConnectorId: 'a b' }, body });
      expect(seen.url).toBe(model.path({ VoiceConnectorId: 'a b' }));
      expect(JSON.parse(seen.body!)).toEqual(body);
      expect(seen.auth).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDCONFORMANCE\/\d{8}\/us-east-1\/chime\/aws4_request/);
      // A read goes out as its own command: labels in the path, query members under their wire names
      // (a value that is no number, sent on purpose, as it is), and no session to clean up.
      const read = await spySdk.send({ kind: 'reject', operation: 'ListProxySessions', labels: { VoiceConnectorId: 'vc0' }, query: { 'max-results': '0', status: 'open' } });
      const url = new URL(seen.url!, 'http://x');
      expect(url.pathname).toBe(model.operation('ListProxySessions').path({ VoiceConnectorId: 'vc0' }));
      expect(Object.fromEntries(url.searchParams)).toEqual({ 'max-results': '0', status: 'open' });
      expect(read).toMatchObject({ kind: 'error', name: 'NotFoundException' });
      await spySdk.send({ kind: 'accept', operation: 'GetProxySession', labels: { VoiceConnectorId: 'vc0', ProxySessionId: 'p 1' } });
      expect(seen.url).toBe(model.operation('GetProxySession').path({ VoiceConnectorId: 'vc0', ProxySessionId: 'p 1' }));
    } finally {
      await spySdk.destroy();
      spy.closeAllConnections();
      await new Promise((resolve) => spy.close(resolve));
    }
  });
});
