import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { verifySigV4, type SignedRequest } from './sigv4.ts';

// The worked example of the AWS General Reference ("Signature Version 4 signing process", IAM ListUsers),
// with its published signature: the runner's verification is grounded in the documented algorithm, not in
// a signer that could share a client's mistake.
const example: SignedRequest = {
  method: 'GET',
  target: '/?Action=ListUsers&Version=2010-05-08',
  headers: {
    host: ['iam.amazonaws.com'],
    'content-type': ['application/x-www-form-urlencoded; charset=utf-8'],
    'x-amz-date': ['20150830T123600Z'],
    authorization: ['AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7'],
  },
  body: Buffer.alloc(0),
  receivedAt: Date.parse('2015-08-30T12:36:30Z'),
};
const exampleKey = { service: 'iam', region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }, maxSkewSeconds: 300 };

const chime = { service: 'chime', region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' }, maxSkewSeconds: 300 };

/** A request signed by @smithy/signature-v4 (what the JS SDK signs with), as the emulator would receive it. */
async function signed(path: string, query: Record<string, string>, body: string, options: { rawTarget?: string; signedPath?: string } = {}): Promise<SignedRequest> {
  const signer = new SignatureV4({ service: 'chime', region: 'us-east-1', credentials: chime.credentials, sha256: Hash.bind(null, 'sha256'), uriEscapePath: true });
  const now = new Date();
  const request = await signer.sign(
    { method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 4566, path: options.signedPath ?? path, query, headers: { host: '127.0.0.1:4566', 'content-type': 'application/json' }, body },
    { signingDate: now },
  );
  const qs = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return {
    method: 'POST',
    target: options.rawTarget ?? `${path}${qs ? `?${qs}` : ''}`,
    headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), [String(v)]])),
    body: Buffer.from(body),
    receivedAt: now.getTime(),
  };
}

describe('verifySigV4 (client/sigv4.ts)', () => {
  it("accepts the AWS General Reference's worked example, and nothing else signed with its key", () => {
    // Arrange
    const tampered = { ...example, target: '/?Action=ListUsers&Version=2010-05-09' };

    // Act / Assert
    expect(verifySigV4(example, exampleKey)).toEqual({ ok: true });
    expect(verifySigV4(tampered, exampleKey)).toMatchObject({ ok: false, problem: expect.stringMatching(/does not match/) });
  });

  it('accepts what the JS SDK signer signs: encoded labels, a sorted query, a body', async () => {
    // Arrange
    const request = await signed('/voice-connectors/a%20b%2Fc%21/proxy-sessions', { 'max-results': '5', status: 'a b' }, '{"Capabilities":["SMS"]}');

    // Act / Assert
    expect(verifySigV4(request, chime)).toEqual({ ok: true });
  });

  it('names the usual mistakes: a path encoded once, another region, an unsigned x-amz header, a stale clock, a body that changed', async () => {
    // Arrange: signed over the decoded path once encoded, while the wire carries the encoded path.
    const once = await signed('/voice-connectors/a%20b/proxy-sessions', {}, '{}', { signedPath: '/voice-connectors/a b/proxy-sessions' });
    const good = await signed('/voice-connectors/x/proxy-sessions', {}, '{}');

    // Act / Assert
    expect(verifySigV4(once, chime)).toMatchObject({ ok: false, problem: expect.stringMatching(/path encoded only once/) });
    expect(verifySigV4(good, { ...chime, region: 'eu-west-1' })).toMatchObject({ ok: false, problem: expect.stringMatching(/region us-east-1; the client was given eu-west-1/) });
    expect(verifySigV4({ ...good, headers: { ...good.headers, 'x-amz-extra': ['1'] } }, chime)).toMatchObject({ ok: false, problem: expect.stringMatching(/does not sign it/) });
    expect(verifySigV4({ ...good, receivedAt: good.receivedAt + 400_000 }, chime)).toMatchObject({ ok: false, problem: expect.stringMatching(/behind the time the request arrived/) });
    expect(verifySigV4({ ...good, body: Buffer.from('{"x":1}') }, chime)).toMatchObject({ ok: false, problem: expect.stringMatching(/X-Amz-Content-Sha256 is not the SHA-256/) });
  });
});
