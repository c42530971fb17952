import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSigner } from '../src/protocol/signRequest.ts';
import type { WireRequest } from '../src/protocol/types.ts';
import { defaultOperation } from '../src/spec/index.ts';
import { formatAmzDate, verifySignature, type ReceivedRequest, type SignatureOptions, type TestCredentials } from './verifySignature.ts';

const model = defaultOperation();
const service = model.spec.service.signingName;
const ENDPOINT = 'http://127.0.0.1:4566';
const LONG_TERM: TestCredentials = { accessKeyId: 'AKIDCONFORMANCE0001', secretAccessKey: 'long-term-secret/abc+def' };
const TEMPORARY: TestCredentials = { accessKeyId: 'ASIACONFORMANCE0002', secretAccessKey: 'temporary-secret', sessionToken: 'session-token-value==' };
const OPTIONS: SignatureOptions = { credentials: [LONG_TERM, TEMPORARY] };
const BODY = JSON.stringify({ ParticipantPhoneNumbers: ['+12065550142', '+12065550143'], Capabilities: ['Voice'] });

afterEach(() => {
  vi.useRealTimers();
});

/** A create request for a label, as the suite's transport builds it before signing. */
function createRequest(label = 'conformance0reference1', body = BODY): WireRequest {
  return { method: 'POST', url: ENDPOINT + model.path({ VoiceConnectorId: label }), headers: { 'content-type': 'application/json' }, body };
}

/** Signs with the project's client signer (src/protocol/signRequest.ts). */
function sign(request: WireRequest, credentials: TestCredentials = LONG_TERM, region = 'us-east-1'): Promise<WireRequest> {
  return createSigner({ service, region, credentials: async () => credentials })(request);
}

/** What the server would receive for a wire request: the path as sent, the headers, the body bytes. */
function received(request: WireRequest): ReceivedRequest {
  const url = new URL(request.url);
  return { method: request.method, target: url.pathname + url.search, headers: request.headers, body: Buffer.from(request.body ?? '', 'utf8') };
}

/** The server's clock: the X-Amz-Date of the request, give or take. */
function clockOf(request: WireRequest, offsetSeconds = 0): Date {
  const d = request.headers['x-amz-date']!;
  return new Date(Date.parse(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(9, 11)}:${d.slice(11, 13)}:${d.slice(13, 15)}Z`) + offsetSeconds * 1000);
}

async function verify(request: WireRequest, options: SignatureOptions = OPTIONS, now = clockOf(request)) {
  return verifySignature(received(request), options, { service, now });
}

describe('verifySignature accepts', () => {
  it('a create signed by the project signer with long-term credentials', async () => {
    const signed = await sign(createRequest());
    expect(await verify(signed)).toEqual({ ok: true, accessKeyId: LONG_TERM.accessKeyId });
  });

  it('a path with percent-encoded characters (a label with a space and a slash)', async () => {
    const request = createRequest('with space/and slash');
    expect(new URL(request.url).pathname).toContain('with%20space%2Fand%20slash');
    expect(await verify(await sign(request))).toMatchObject({ ok: true });
  });

  it('temporary credentials whose session token comes along', async () => {
    const signed = await sign(createRequest(), TEMPORARY);
    expect(signed.headers['x-amz-security-token']).toBe(TEMPORARY.sessionToken);
    expect(await verify(signed)).toEqual({ ok: true, accessKeyId: TEMPORARY.accessKeyId });
  });

  it('a query string, an empty body, and a DELETE', async () => {
    const request: WireRequest = { method: 'DELETE', url: `${ENDPOINT}${model.path({ VoiceConnectorId: 'c', ProxySessionId: 's' }, model.cleanup)}?b=x%20y&a=1`, headers: {} };
    expect(await verify(await sign(request))).toMatchObject({ ok: true });
  });

  it('any region in the scope unless one is pinned, and the pinned one', async () => {
    const signed = await sign(createRequest(), LONG_TERM, 'eu-west-1');
    expect(await verify(signed)).toMatchObject({ ok: true });
    expect(await verify(signed, { ...OPTIONS, region: 'eu-west-1' })).toMatchObject({ ok: true });
  });

  it('an X-Amz-Date just inside the allowed skew, either way', async () => {
    const signed = await sign(createRequest());
    expect(await verify(signed, OPTIONS, clockOf(signed, 300))).toMatchObject({ ok: true });
    expect(await verify(signed, OPTIONS, clockOf(signed, -300))).toMatchObject({ ok: true });
    expect(await verify(signed, { ...OPTIONS, maxSkewSeconds: 10 }, clockOf(signed, 10))).toMatchObject({ ok: true });
  });

  it('headers as a server sees them: names in any case, a repeated header as a list', async () => {
    const signed = await sign({ ...createRequest(), headers: { 'content-type': 'application/json', 'x-custom': 'a,b' } });
    const request = received(signed);
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toUpperCase(), v]));
    expect(await verifySignature({ ...request, headers: { ...headers, 'X-CUSTOM': ['a', ' b'] } }, OPTIONS, { service, now: clockOf(signed) })).toMatchObject({ ok: true });
  });
});

describe('verifySignature answers 401 when there is no signature', () => {
  it('no Authorization header', async () => {
    const verdict = await verify(createRequest(), OPTIONS, new Date());
    expect(verdict).toMatchObject({ ok: false, status: 401 });
    expect(verdict.ok || verdict.message).toMatch(/no Authorization header/);
  });

  it('another scheme, without echoing its credential', async () => {
    const request = { ...createRequest(), headers: { ...createRequest().headers, authorization: 'Basic dXNlcjpwYXNzd29yZA==' } };
    const verdict = await verify(request, OPTIONS, new Date());
    expect(verdict).toMatchObject({ ok: false, status: 401 });
    expect(verdict.ok || verdict.message).toContain('"Basic"');
    expect(verdict.ok || verdict.message).not.toContain('dXNlcjpwYXNzd29yZA');
  });

  it('a presigned query string', async () => {
    const request = { ...createRequest(), url: `${createRequest().url}?X-Amz-Signature=abc` };
    expect(await verify(request, OPTIONS, new Date())).toMatchObject({ ok: false, status: 401, message: expect.stringMatching(/presigned/) });
  });
});

describe('verifySignature answers 403 for a bad signature', () => {
  /** The verdict must be a 403 whose message matches, and hold no secret. */
  async function forbidden(request: WireRequest, message: RegExp, options: SignatureOptions = OPTIONS, now?: Date) {
    const verdict = await verify(request, options, now ?? clockOf(request));
    expect(verdict).toMatchObject({ ok: false, status: 403 });
    if (verdict.ok) return;
    expect(verdict.message).toMatch(message);
    for (const secret of [LONG_TERM.secretAccessKey, TEMPORARY.secretAccessKey, TEMPORARY.sessionToken!]) expect(verdict.message).not.toContain(secret);
    return verdict.message;
  }

  it('signed with the wrong secret, without echoing the expected signature', async () => {
    const signed = await sign(createRequest(), { ...LONG_TERM, secretAccessKey: 'not-the-secret' });
    const message = await forbidden(signed, /signature we calculated does not match/);
    const expected = /Signature=(\w+)/.exec((await sign(createRequest())).headers.authorization!)![1]!;
    expect(message).not.toContain(expected);
    expect(message).not.toContain('not-the-secret');
  });

  it('an unknown access key', async () => {
    await forbidden(await sign(createRequest(), { accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'x' }), /AKIDUNKNOWN is not one of/);
  });

  it('a body changed after signing (caught by X-Amz-Content-Sha256)', async () => {
    const signed = await sign(createRequest());
    await forbidden({ ...signed, body: signed.body!.replace('Voice', 'SMS') }, /X-Amz-Content-Sha256 is not the SHA-256/);
  });

  it('a body changed after signing by a client that sends no X-Amz-Content-Sha256 (caught by the signature)', async () => {
    const signer = new SignatureV4({ service, region: 'us-east-1', credentials: LONG_TERM, sha256: Hash.bind(null, 'sha256'), applyChecksum: false });
    const url = new URL(createRequest().url);
    const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: url.hostname, path: url.pathname, query: {}, headers: { host: url.host, 'content-type': 'application/json' }, body: BODY });
    const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k, String(v)]));
    expect(headers).not.toHaveProperty('x-amz-content-sha256');
    const wire: WireRequest = { method: 'POST', url: url.href, headers, body: BODY };
    expect(await verify(wire)).toMatchObject({ ok: true });
    await forbidden({ ...wire, body: BODY.replace('Voice', 'SMS') }, /signature we calculated does not match/);
  });

  it('a path, a signed header or the method changed after signing', async () => {
    const signed = await sign(createRequest());
    await forbidden({ ...signed, url: signed.url.replace('conformance0reference1', 'conformance0reference2') }, /does not match/);
    await forbidden({ ...signed, headers: { ...signed.headers, 'content-type': 'text/plain' } }, /does not match/);
    await forbidden({ ...signed, method: 'PUT' }, /does not match/);
  });

  it('a stale X-Amz-Date (signed by a clock far in the past)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2020-01-01T00:00:00Z'));
    const signed = await sign(createRequest());
    vi.useRealTimers();
    expect(signed.headers['x-amz-date']).toBe('20200101T000000Z');
    const now = new Date();
    await forbidden(signed, new RegExp(`^Signature expired: X-Amz-Date 20200101T000000Z is more than 300 s from the server time ${formatAmzDate(now).slice(0, 8)}`), OPTIONS, now);
  });

  it('an X-Amz-Date in the future, and the skew is configurable', async () => {
    const signed = await sign(createRequest());
    await forbidden(signed, /^Signature not yet current: .* more than 300 s ahead/, OPTIONS, clockOf(signed, -301));
    await forbidden(signed, /^Signature expired: .* more than 10 s/, { ...OPTIONS, maxSkewSeconds: 10 }, clockOf(signed, 11));
  });

  it('another region than the pinned one', async () => {
    await forbidden(await sign(createRequest(), LONG_TERM, 'eu-west-1'), /scope names 'eu-west-1', this endpoint is 'us-east-1'/, { ...OPTIONS, region: 'us-east-1' });
  });

  it('another service in the scope', async () => {
    const signed = await createSigner({ service: 'sts', region: 'us-east-1', credentials: async () => LONG_TERM })(createRequest());
    await forbidden(signed, new RegExp(`scoped to correct service: '${service}', not 'sts'`));
  });

  it('temporary credentials without their token, with a wrong token, and a token on a long-term key', async () => {
    await forbidden(await sign(createRequest(), { accessKeyId: TEMPORARY.accessKeyId, secretAccessKey: TEMPORARY.secretAccessKey }), /must carry their X-Amz-Security-Token/);
    await forbidden(await sign(createRequest(), { ...TEMPORARY, sessionToken: 'another-token' }), /X-Amz-Security-Token is not the session token/);
    await forbidden(await sign(createRequest(), { ...LONG_TERM, sessionToken: 'some-token' }), /long-term key and takes no X-Amz-Security-Token/);
  });

  it('a scope date other than the X-Amz-Date, and a malformed X-Amz-Date', async () => {
    const signed = await sign(createRequest());
    const date = signed.headers['x-amz-date']!;
    await forbidden({ ...signed, headers: { ...signed.headers, authorization: signed.headers.authorization!.replace(`/${date.slice(0, 8)}/`, '/19990101/') } }, /scope date 19990101 is not the date/);
    await forbidden({ ...signed, headers: { ...signed.headers, 'x-amz-date': '2026-01-01T00:00:00Z' } }, /not a basic ISO 8601/, OPTIONS, clockOf(signed));
    await forbidden({ ...signed, headers: { ...signed.headers, 'x-amz-date': '20261340T250000Z' } }, /not a basic ISO 8601/, OPTIONS, clockOf(signed));
    const { 'x-amz-date': _, ...undated } = signed.headers;
    await forbidden({ ...signed, headers: undated }, /no X-Amz-Date header/, OPTIONS, clockOf(signed));
  });

  it('a malformed Authorization header, and signed headers that are missing or unsorted', async () => {
    const signed = await sign(createRequest());
    const auth = signed.headers.authorization!;
    const withAuth = (authorization: string) => ({ ...signed, headers: { ...signed.headers, authorization } });
    await forbidden(withAuth(auth.replace(/, Signature=\w+/, '')), /Signature= is missing/);
    await forbidden(withAuth(auth.replace(/Signature=\w+/, 'Signature=xyz')), /64 lower-case hex digits/);
    await forbidden(withAuth(auth.replace(/SignedHeaders=([^,]+)/, (_, list: string) => `SignedHeaders=${list.split(';').reverse().join(';')}`)), /sorted/);
    await forbidden(withAuth(auth.replace('SignedHeaders=', 'SignedHeaders=a-missing-header;')), /signed header a-missing-header is not in the request/);
    await forbidden(withAuth(auth.replace('host;', '')), /'Host' must be a SignedHeader/);
  });
});
