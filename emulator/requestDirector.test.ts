import { describe, expect, it } from 'vitest';
import { callOperation, emulatorsClosedAfterEach } from './_testClient.ts';
import type { DirectedRequest, Direction } from './requestDirector.ts';
import type { ResponseParts } from './sendResponse.ts';

/**
 * EmulatorOptions.director, the hook `conformance client` answers a client through: it sees every request
 * as received, may answer it with an error of the spec (Retry-After and all), delay it, and sees (and may
 * change or drop) every answer actually written.
 */
const start = emulatorsClosedAfterEach();

const create = { ParticipantPhoneNumbers: ['+12065550100', '+12065550101'], Capabilities: ['Voice'] };

describe('the request director', () => {
  it('sees each request as received and every answer as written', async () => {
    // Arrange
    const seen: DirectedRequest[] = [];
    const written: ResponseParts[] = [];
    const emulator = await start({ director: (request) => (seen.push(request), { answer: (parts) => (written.push(parts), parts) }) });

    // Act
    const answer = await callOperation(emulator, 'CreateProxySession', { labels: { VoiceConnectorId: 'a b' }, body: create });

    // Assert
    expect(answer.status).toBe(404);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', target: '/voice-connectors/a%20b/proxy-sessions', operation: 'CreateProxySession' });
    expect(JSON.parse(Buffer.from(seen[0]!.body).toString('utf8'))).toEqual(create);
    expect(written).toEqual([expect.objectContaining({ status: 404, body: answer.text })]);
  });

  it('answers with an error of the spec instead, with the headers asked for, before anything else', async () => {
    // Arrange: a throttle that even an unsigned request gets, although signatures are checked.
    const emulator = await start({
      signatures: { credentials: [{ accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }] },
      director: (): Direction => ({ error: { name: 'ThrottledClientException', message: 'slow down', headers: { 'Retry-After': '2' } } }),
    });

    // Act
    const answer = await callOperation(emulator, 'CreateProxySession', { body: create });

    // Assert
    expect(answer.status).toBe(429);
    expect(answer.headers.get('x-amzn-errortype')).toBe('ThrottledClientException');
    expect(answer.headers.get('retry-after')).toBe('2');
    expect(emulator.openSessions()).toBe(0);
  });

  it('resets the connection after serving: the session exists, its answer is lost', async () => {
    // Arrange
    const emulator = await start({ director: () => ({ answer: () => 'reset' }) });

    // Act
    const outcome = await callOperation(emulator, 'CreateProxySession', { body: create }).then(
      () => 'answered',
      (error: Error) => (error as Error & { cause?: { code?: string } }).cause?.code ?? error.message,
    );

    // Assert
    expect(outcome).not.toBe('answered');
    expect(emulator.openSessions()).toBe(1);
  });

  it('delays, and changes the answer written (Content-Length follows)', async () => {
    // Arrange
    const emulator = await start({ director: () => ({ delayMs: 300, answer: (parts) => ({ ...parts, body: JSON.stringify({ ...JSON.parse(parts.body), Extra: 1 }) }) }) });

    // Act
    const started = performance.now();
    const answer = await callOperation(emulator, 'CreateProxySession', { body: create });

    // Assert
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ Extra: 1, ProxySession: { Status: 'Open' } });
  });
});
