import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher, isTransportFailure, sendRequest } from './sendRequest.ts';
import type { TransportFailure, WireResponse } from './types.ts';
import { listenOnLoopback } from '../../test/support/listenOnLoopback.ts';

/** A loopback server that answers every request with whatever `answer` writes on the raw socket. */
async function rawServer(answer: (socket: Socket) => void): Promise<{ url: string; closed: Promise<void>[]; server: Server }> {
  const closed: Promise<void>[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    closed.push(new Promise((resolve) => socket.on('close', () => resolve())));
    socket.on('error', () => undefined);
    let seen = '';
    socket.on('data', (data) => {
      seen += data.toString('latin1');
      // One answer per request: the headers' end is enough here (the tests send no body, or a small one).
      if (!seen.includes('\r\n\r\n')) return;
      seen = '';
      answer(socket);
    });
  });
  servers.push(server);
  const port = await listenOnLoopback(server);
  return { url: `http://127.0.0.1:${port}/voice-connectors/x/proxy-sessions?a=1`, closed, server };
}

const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  // Keep-alive connections would hold server.close() for the client's keep-alive time.
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const send = (url: string, o: { timeoutMs?: number; maxBodyBytes?: number; signal?: AbortSignal } = {}) =>
  sendRequest({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body: '{}' }, { timeoutMs: o.timeoutMs ?? 2_000, maxBodyBytes: o.maxBodyBytes ?? 1024 * 1024, ...(o.signal ? { signal: o.signal } : {}) });

function failure(result: WireResponse | TransportFailure): TransportFailure {
  if (!isTransportFailure(result)) throw new Error(`expected a transport failure, got ${result.status}`);
  return result;
}

const created = '{"ProxySession":{"ProxySessionId":"abc123","Status":"Open"}}';

describe('sendRequest', () => {
  it('reads a whole answer: status, lower-case headers (a repeated one joined), body and JSON', async () => {
    const { url } = await rawServer((s) => s.write(`HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nX-Amzn-RequestId: r1\r\nVia: a\r\nVia: b\r\nContent-Length: ${created.length}\r\n\r\n${created}`));
    const result = await send(url);
    expect(isTransportFailure(result)).toBe(false);
    expect(result).toMatchObject({ status: 201, bodyText: created, json: JSON.parse(created) });
    expect((result as WireResponse).headers).toMatchObject({ 'content-type': 'application/json', 'x-amzn-requestid': 'r1', via: 'a, b' });
  });

  it('a Content-Length 10 bytes longer than the body, then a close: a reset that carries the status and the bytes read', async () => {
    const { url } = await rawServer((s) => s.end(`HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: ${created.length + 10}\r\n\r\n${created}`));
    const f = failure(await send(url));
    expect(f).toMatchObject({ kind: 'reset', status: 201, partialBody: created });
  });

  it('a body that stops coming: a timeout that carries the status and the bytes read', async () => {
    const { url } = await rawServer((s) => s.write(`HTTP/1.1 201 Created\r\nContent-Length: ${created.length}\r\n\r\n${created.slice(0, 30)}`));
    const f = failure(await send(url, { timeoutMs: 300 }));
    expect(f).toMatchObject({ kind: 'timeout', status: 201, partialBody: created.slice(0, 30) });
    expect(f.elapsedMs).toBeGreaterThanOrEqual(250);
  });

  it('no headers within the timeout: a timeout with no status, and the connection is dropped', async () => {
    const { url, closed } = await rawServer(() => undefined);
    const f = failure(await send(url, { timeoutMs: 200 }));
    expect(f.kind).toBe('timeout');
    expect(f.status).toBeUndefined();
    expect(f.partialBody).toBeUndefined();
    await closed[0];
  });

  it('a body over --max-body-bytes: too-large, the first 64 KiB of what was read, and the connection is dropped', async () => {
    const big = `{"ProxySession":{"ProxySessionId":"abc123","Name":"${'x'.repeat(200 * 1024)}"}}`;
    const { url, closed } = await rawServer((s) => s.write(`HTTP/1.1 201 Created\r\nContent-Length: ${big.length}\r\n\r\n${big}`));
    const f = failure(await send(url, { maxBodyBytes: 100 * 1024 }));
    expect(f).toMatchObject({ kind: 'too-large', status: 201 });
    expect(f.partialBody).toBe(big.slice(0, 64 * 1024));
    await closed[0];
  });

  it('an answer nested deeper than MAX_JSON_DEPTH: tooDeep, left unparsed', async () => {
    const deep = `${'['.repeat(200)}${']'.repeat(200)}`;
    const { url } = await rawServer((s) => s.write(`HTTP/1.1 200 OK\r\nContent-Length: ${deep.length}\r\n\r\n${deep}`));
    const result = await send(url);
    expect(result).toMatchObject({ status: 200, bodyText: deep, tooDeep: true });
    expect((result as WireResponse).json).toBeUndefined();
  });

  it("the run's signal, already aborted: interrupted, and nothing is sent", async () => {
    let requests = 0;
    const { url } = await rawServer((s) => {
      requests++;
      s.write('HTTP/1.1 204 No Content\r\n\r\n');
    });
    const f = failure(await send(url, { signal: AbortSignal.abort() }));
    expect(f.kind).toBe('interrupted');
    expect(f.message).toMatch(/^not sent/);
    expect(requests).toBe(0);
  });

  it("the run's signal fires in flight: interrupted (not a timeout), with the status and the bytes read, and the connection is dropped", async () => {
    const { url, closed } = await rawServer((s) => s.write(`HTTP/1.1 201 Created\r\nContent-Length: ${created.length}\r\n\r\n${created.slice(0, 30)}`));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const f = failure(await send(url, { timeoutMs: 5_000, signal: controller.signal }));
    expect(f).toMatchObject({ kind: 'interrupted', status: 201, partialBody: created.slice(0, 30) });
    expect(f.elapsedMs).toBeLessThan(2_000);
    await closed[0];
  });

  it('nothing listening: refused', async () => {
    const { url, server } = await rawServer(() => undefined);
    await new Promise((resolve) => server.close(resolve));
    const f = failure(await send(url));
    expect(f.kind).toBe('refused');
    expect(f.status).toBeUndefined();
  });

  it('keeps the connection for the next request over a dispatcher', async () => {
    const { url, closed } = await rawServer((s) => s.write('HTTP/1.1 204 No Content\r\n\r\n'));
    const dispatcher = createDispatcher(1);
    try {
      for (let i = 0; i < 3; i++) expect(await sendRequest({ method: 'DELETE', url, headers: {} }, { timeoutMs: 2_000, maxBodyBytes: 1024, dispatcher })).toMatchObject({ status: 204, bodyText: '' });
      expect(closed).toHaveLength(1);
    } finally {
      await dispatcher.close();
    }
  });
});
