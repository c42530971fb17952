import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CapturedExchange, TrafficNote } from '../src/model/traffic.ts';
import { harProblems, readHar } from '../test/support/validateHar.ts';
import { openHarFile } from './openHarFile.ts';

const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLE+token/with=padding';
const SIGNATURE = 'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41';
const AUTHORIZATION = `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/chime/aws4_request, SignedHeaders=host;x-amz-date, Signature=${SIGNATURE}`;

const signed = {
  method: 'POST',
  url: 'https://voice-chime.us-east-1.amazonaws.com/voice-connectors/abc/proxy-sessions?max-results=5',
  headers: { 'content-type': 'application/json', authorization: AUTHORIZATION, 'x-amz-security-token': TOKEN, 'x-amz-date': '20260101T000000Z', host: 'voice-chime.us-east-1.amazonaws.com' },
  body: '{"Capabilities":["Voice"]}',
};

const created: CapturedExchange = {
  request: signed,
  result: { status: 201, headers: { 'content-type': 'application/json', 'x-amzn-requestid': 'r-1' }, bodyText: '{"ProxySession":{}}', json: { ProxySession: {} }, elapsedMs: 12.5 },
  startedAt: Date.parse('2026-01-01T00:00:00.000Z'),
  phases: { started: 2, headers: 10, ended: 12.5 },
  role: 'call',
  attempt: 1,
};

const note: TrafficNote = { phase: 'case', suite: 'acceptance', family: 'accept.random', path: '3', role: 'call', step: 0 };

const dir = () => mkdtempSync(join(tmpdir(), 'conformance-har-'));
const creator = { name: 'conformance', version: 'test' };

describe('openHarFile', () => {
  it('writes HAR 1.2: answers, transport failures (status 0 and _error) and cut-short bodies, with the timings summed', async () => {
    // Arrange
    const path = join(dir(), 'nested', 'run.har');
    const har = await openHarFile(path, { creator, comment: 'A test.' });

    // Act
    har.write(created, note);
    har.write({ ...created, result: { kind: 'timeout', message: 'no complete response within 10 ms', elapsedMs: 10 }, phases: undefined, role: 'call', attempt: 2 }, { ...note, attempt: 2 });
    har.write({ ...created, request: { method: 'GET', url: 'http://127.0.0.1:1/x', headers: {} }, result: { kind: 'too-large', message: 'response body exceeds 5 bytes', elapsedMs: 3, partialBody: '{"Pro' }, role: 'cleanup' }, { phase: 'cleanup', role: 'cleanup' });
    await har.close();

    // Assert
    const written = readHar(path);
    expect(harProblems(written)).toEqual([]);
    expect(har.entries).toBe(3);
    expect(written.log.comment).toMatch(/^A test\. Left out of every request: the Authorization/);
    const [ok, timeout, large] = written.log.entries;
    expect(ok).toMatchObject({ time: 12.5, timings: { blocked: 2, send: 0, wait: 8, receive: 2.5 }, response: { status: 201, statusText: 'Created', content: { size: 19, mimeType: 'application/json', text: '{"ProxySession":{}}' } } });
    expect(ok!.request.queryString).toEqual([{ name: 'max-results', value: '5' }]);
    expect(ok!.request.postData).toEqual({ mimeType: 'application/json', text: signed.body });
    expect(ok!._conformance).toEqual(note);
    expect(timeout).toMatchObject({ time: 10, timings: { send: 0, wait: 10, receive: 0 }, response: { status: 0, _error: 'timeout: no complete response within 10 ms' }, _conformance: { attempt: 2 } });
    expect(large!.response).toMatchObject({ status: 0, content: { size: 5, text: '{"Pro' }, _error: 'too-large: response body exceeds 5 bytes' });
  });

  it('leaves out credentials, signatures and tokens, also where an answer or a failure message quotes them', async () => {
    // Arrange: an endpoint that quotes the request's Authorization header and token back, as AWS signature errors do.
    const path = join(dir(), 'run.har');
    const har = await openHarFile(path, { creator, comment: '' });
    har.secret(SECRET_KEY);
    const echo = `{"message":"The request signature we calculated does not match. Authorization=${AUTHORIZATION}; token ${TOKEN}; key ${SECRET_KEY}"}`;
    const presigned = { ...signed, url: `${signed.url}&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20260101%2Fus-east-1%2Fchime%2Faws4_request&X-Amz-Signature=${SIGNATURE}&X-Amz-Security-Token=${encodeURIComponent(TOKEN)}` };

    // Act
    har.write({ ...created, request: presigned, result: { status: 403, headers: { 'content-type': 'application/json', 'x-echo': AUTHORIZATION }, bodyText: echo, elapsedMs: 1 } }, { ...note, failures: [{ check: 'status-code', step: 0, message: `expected 201, got 403: ${echo}` }] });
    await har.close();

    // Assert
    const text = readFileSync(path, 'utf8');
    expect(harProblems(JSON.parse(text))).toEqual([]);
    for (const secret of [SECRET_KEY, TOKEN, encodeURIComponent(TOKEN), SIGNATURE, 'AKIDEXAMPLE', '20260101T000000Z']) expect(text).not.toContain(secret);
    const entry = readHar(path).log.entries[0]!;
    expect(entry.request.headers.map((h) => h.name)).toEqual(['content-type']);
    expect(entry.request.queryString.map((q) => q.name)).toEqual(['max-results', 'X-Amz-Algorithm']);
    expect(entry.response.content.text).toContain('Signature=[redacted]');
    expect(entry._conformance.failures![0]!.message).toContain('token [redacted]; key [redacted]');
  });

  it('a run that recorded nothing still writes a valid file with no entries', async () => {
    const path = join(dir(), 'empty.har');
    const har = await openHarFile(path, { creator, comment: 'Nothing.' });
    await har.close();
    const written = readHar(path);
    expect(harProblems(written)).toEqual([]);
    expect(written.log.entries).toEqual([]);
  });

  it('streams: entries reach the disk while the run goes on, under FILE.partial, and FILE appears whole at the end', async () => {
    // Arrange
    const path = join(dir(), 'big.har');
    const har = await openHarFile(path, { creator, comment: '' });
    const body = 'x'.repeat(10_000);

    // Act: more than the writer gathers before writing.
    for (let i = 0; i < 100; i++) har.write({ ...created, result: { status: 200, headers: {}, bodyText: body, elapsedMs: 1 } }, note);
    const onDisk = readFileSync(`${path}.partial`, 'utf8').length;
    const finalBefore = existsSync(path);
    await har.close();

    // Assert
    expect(onDisk).toBeGreaterThan(500_000);
    expect(finalBefore).toBe(false);
    expect(existsSync(`${path}.partial`)).toBe(false);
    expect(readHar(path).log.entries).toHaveLength(100);
  });

  it('a write that fails (a full disk: /dev/full) ends the recording, and close says why and leaves no partial file', async () => {
    // Arrange
    const path = join(dir(), 'full.har');
    symlinkSync('/dev/full', `${path}.partial`);
    const har = await openHarFile(path, { creator, comment: '' });

    // Act
    for (let i = 0; i < 30; i++) har.write({ ...created, result: { status: 200, headers: {}, bodyText: 'y'.repeat(10_000), elapsedMs: 1 } }, note);

    // Assert
    await expect(har.close()).rejects.toThrow(`${path}: ENOSPC`);
    expect(existsSync(`${path}.partial`)).toBe(false);
    expect(existsSync(path)).toBe(false);
  });

  it('a file that cannot be made is an error naming it, before anything is recorded', async () => {
    const file = join(dir(), 'a-file');
    writeFileSync(file, '');
    await expect(openHarFile(join(file, 'run.har'), { creator, comment: '' })).rejects.toThrow(/a-file is a file, not a directory/);
  });
});
