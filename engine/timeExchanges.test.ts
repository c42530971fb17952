import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, sendRequest } from '../src/protocol/index.ts';
import { timeExchanges } from './timeExchanges.ts';
import { listenOnLoopback } from '../test/support/listenOnLoopback.ts';

/** Headers 60 ms after the request, the rest of the body 100 ms after them. */
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first half, ');
      setTimeout(() => res.end('second half'), 100);
    }, 60);
  });
});
let url = '';

beforeAll(async () => {
  const port = await listenOnLoopback(server);
  url = `http://127.0.0.1:${port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('timeExchanges', () => {
  it('splits each exchange into queueing, waiting for headers and reading the body, also when the pool queues it', async () => {
    // Arrange: one connection, so the second exchange waits for the first.
    const pool = createDispatcher(1);
    const { dispatcher, time } = timeExchanges(pool);
    const send = () => sendRequest({ method: 'POST', url, headers: {}, body: 'x' }, { timeoutMs: 5_000, maxBodyBytes: 1024, dispatcher });

    // Act
    const [first, second] = await Promise.all([time(send), time(send)]);
    await pool.close();

    // Assert
    expect(first.value).toMatchObject({ status: 200, bodyText: 'first half, second half' });
    // Half the server's delays: a busy event loop may see the headers late and the body's end early.
    for (const { phases } of [first, second]) {
      expect(phases!.headers! - phases!.started).toBeGreaterThanOrEqual(30);
      expect(phases!.ended - phases!.headers!).toBeGreaterThanOrEqual(50);
    }
    // The second got the connection only once the first's body was read: it was queued all that time.
    expect(second.phases!.started).toBeGreaterThanOrEqual(first.phases!.headers! + 50);
  });

  it('an exchange that never got an answer has no headers mark; one that never got a connection has no phases', async () => {
    const pool = createDispatcher(1);
    const { dispatcher, time } = timeExchanges(pool);
    const refused = await time(() => sendRequest({ method: 'GET', url: 'http://127.0.0.1:1/', headers: {} }, { timeoutMs: 2_000, maxBodyBytes: 1024, dispatcher }));
    const hung = await time(() => sendRequest({ method: 'POST', url, headers: {}, body: 'x' }, { timeoutMs: 20, maxBodyBytes: 1024, dispatcher }));
    await pool.close();
    expect(refused).toMatchObject({ value: { kind: 'refused' } });
    expect(refused.phases).toBeUndefined();
    expect(hung.value).toMatchObject({ kind: 'timeout' });
    expect(hung.phases).toMatchObject({ started: expect.any(Number) });
    expect(hung.phases!.headers).toBeUndefined();
  });

  it('requests sent outside `time` go through untouched', async () => {
    const pool = createDispatcher(1);
    const { dispatcher } = timeExchanges(pool);
    const answer = await sendRequest({ method: 'POST', url, headers: {}, body: 'x' }, { timeoutMs: 5_000, maxBodyBytes: 1024, dispatcher });
    await pool.close();
    expect(answer).toMatchObject({ status: 200, bodyText: 'first half, second half' });
  });
});
