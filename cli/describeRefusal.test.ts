import { describe, expect, it } from 'vitest';
import type { WireResponse } from '../src/protocol/index.ts';
import { defaultOperation } from '../src/spec/index.ts';
import { describeRefusal } from './describeRefusal.ts';

/** An answer as the transport hands it over; a JSON body is parsed as sendRequest parses it. */
function answer(status: number, headers: Record<string, string>, body = ''): WireResponse {
  let json: unknown;
  try {
    json = body.trim() === '' ? undefined : JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status, headers, bodyText: body, json, elapsedMs: 1 };
}

const AWS_NOTE = /AWS ended support for Chime SDK proxy sessions on 2026-04-07/;

describe('describeRefusal: what a refused preflight says', () => {
  const model = defaultOperation();
  const local = 'http://127.0.0.1:4566';
  const aws = 'https://voice-chime.us-east-1.amazonaws.com';

  it('a redirect says it is one, with its Location, and that the tool does not follow redirects; no AWS note', () => {
    const text = describeRefusal(model, local, 'vc1', answer(301, { location: 'https://example.com/api/', 'content-type': 'text/html' }, '<html>Moved</html>'));
    expect(text).toMatch(/^a plain, valid CreateProxySession on voice connector vc1 was answered with 301, a redirect to https:\/\/example\.com\/api\/\. The tool does not follow redirects/);
    expect(text).toContain('give the endpoint itself as --endpoint');
    expect(text).not.toMatch(/HTTP 301|refused/);
    expect(text).not.toMatch(AWS_NOTE);
    expect(describeRefusal(model, local, 'vc1', answer(307, {}))).toContain('a redirect with no Location');
  });

  it('a redirect from an AWS host is still a redirect, whatever the host', () => {
    expect(describeRefusal(model, aws, 'vc1', answer(302, { location: '/elsewhere' }))).toMatch(/was answered with 302, a redirect to \/elsewhere\. The tool does not follow redirects/);
  });

  it('an HTML 500 from a loopback server: says it is an HTML page, no AWS note, no "HTTP 500" name', () => {
    const text = describeRefusal(model, local, 'vc1', answer(500, { 'content-type': 'text/html; charset=utf-8' }, '<!DOCTYPE html><html><body>Internal Server Error</body></html>'));
    expect(text).toMatch(/was refused with 500 \(an HTML page, not an API answer\)\. The answer is no API error \(no JSON body\): something other than the API may answer at this --endpoint/);
    expect(text).not.toMatch(/HTTP 500/);
    expect(text).not.toMatch(AWS_NOTE);
  });

  it('an HTML 404 is not taken for an unknown voice connector', () => {
    const text = describeRefusal(model, local, 'vc1', answer(404, { 'content-type': 'text/html' }, '<html>Not Found</html>'));
    expect(text).not.toContain('--voice-connector-id');
    expect(text).toContain('something other than the API may answer');
  });

  it('a JSON NotFoundException from any host: the unknown-connector cause, and the AWS note (it looks like AWS)', () => {
    const text = describeRefusal(model, local, 'vc1', answer(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'NotFoundException' }, '{"Message":"voice connector vc1 not found"}'));
    expect(text).toMatch(/was refused with 404 NotFoundException: voice connector vc1 not found\. Likely cause: the voice connector does not exist at this endpoint or has no proxy configuration \(check --voice-connector-id\)\./);
    expect(text).toMatch(AWS_NOTE);
  });

  it('a JSON error with an AWS-style exception name that the spec does not list also looks like AWS', () => {
    expect(describeRefusal(model, local, 'vc1', answer(400, {}, '{"__type":"com.amazonaws#UnknownOperationException","message":"gone"}'))).toMatch(AWS_NOTE);
  });

  it('a JSON error that is not named like an AWS one from a non-AWS host: no AWS note', () => {
    const text = describeRefusal(model, local, 'vc1', answer(400, { 'content-type': 'application/json' }, '{"Code":"nope","Message":"no route"}'));
    expect(text).toMatch(/was refused with 400 nope: no route\. Every case would be refused the same way/);
    expect(text).not.toMatch(AWS_NOTE);
  });

  it('any refusal from a host under amazonaws.com (the domain of the spec endpoint) carries the AWS note', () => {
    expect(describeRefusal(model, aws, 'vc1', answer(403, { 'content-type': 'text/html' }, '<html>Forbidden</html>'))).toMatch(AWS_NOTE);
    expect(describeRefusal(model, 'https://voice-chime-fips.us-east-1.amazonaws.com', 'vc1', answer(400, {}))).toMatch(AWS_NOTE);
    // A host that only contains the domain is not under it.
    expect(describeRefusal(model, 'https://amazonaws.com.example.org', 'vc1', answer(400, {}))).not.toMatch(AWS_NOTE);
  });

  it('401/403 name the credentials; a throttled answer names throttling', () => {
    expect(describeRefusal(model, local, 'vc1', answer(403, {}, '{"__type":"ForbiddenException","Message":"denied"}'))).toMatch(/refused with 403 ForbiddenException: denied\. Likely cause: the credentials are wrong or lack permission for chime:CreateProxySession\./);
    expect(describeRefusal(model, local, 'vc1', answer(429, {}, '{"__type":"ThrottledClientException"}'))).toMatch(/Likely cause: the service is throttling or unavailable even after retries/);
  });

  it('echoes at most a short piece of what the endpoint said: a huge message or Location is cut', () => {
    const huge = 'x'.repeat(100_000);
    expect(describeRefusal(model, local, 'vc1', answer(400, {}, JSON.stringify({ __type: 'BadRequestException', Message: huge }))).length).toBeLessThan(1_000);
    expect(describeRefusal(model, local, 'vc1', answer(301, { location: `http://a/${huge}` })).length).toBeLessThan(1_000);
  });
});
