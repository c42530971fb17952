import { describe, expect, it } from 'vitest';
import { redactRequest, redactText, secretsOf } from './redactRequest.ts';

const SIGNATURE = 'a'.repeat(64);

describe('redactRequest', () => {
  it('drops the signing headers and the query parameters of a presigned URL, and leaves any other URL as it is', () => {
    const url = `https://h.example/p?x=1&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2Fscope&X-Amz-Signature=${SIGNATURE}&x-amz-security-token=tok`;
    const redacted = redactRequest({ method: 'GET', url, headers: { Authorization: 'AWS4-HMAC-SHA256 …', 'X-Amz-Date': 'd', accept: 'application/json' } });
    expect(redacted).toEqual({ method: 'GET', url: 'https://h.example/p?x=1&X-Amz-Algorithm=AWS4-HMAC-SHA256', headers: { accept: 'application/json' } });
    const plain = 'http://127.0.0.1:4566/voice-connectors/a%20b/proxy-sessions?max-results=5';
    expect(redactRequest({ method: 'GET', url: plain, headers: {} }).url).toBe(plain);
  });
});

describe('redactText', () => {
  it('redacts SigV4 signatures and credentials in any text, and the secrets it is given', () => {
    const text = `Authorization=AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/chime/aws4_request, SignedHeaders=host, Signature=${SIGNATURE}; ?X-Amz-Signature=${SIGNATURE}&a=1; my-secret-key`;
    expect(redactText(text, ['my-secret-key', 'short'])).toBe('Authorization=AWS4-HMAC-SHA256 Credential=[redacted], SignedHeaders=host, Signature=[redacted]; ?X-Amz-Signature=[redacted]&a=1; [redacted]');
    // Too short to be a credential: left alone rather than redacting ordinary words.
    expect(redactText('a short word', ['short'])).toBe('a short word');
  });
});

describe('secretsOf', () => {
  it("names a signed request's signature and session token", () => {
    const request = { method: 'GET', url: `https://h.example/?X-Amz-Signature=${'b'.repeat(64)}`, headers: { authorization: `AWS4-HMAC-SHA256 Credential=AKID/x, SignedHeaders=host, Signature=${SIGNATURE}`, 'x-amz-security-token': 'token-value' } };
    expect(secretsOf(request)).toEqual([SIGNATURE, 'token-value', 'b'.repeat(64)]);
    expect(secretsOf({ method: 'GET', url: 'http://h/', headers: {} })).toEqual([]);
  });
});
