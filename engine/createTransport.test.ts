import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultOperation } from '../src/spec/index.ts';
import { createTransport } from './createTransport.ts';
import { listenOnLoopback } from '../test/support/listenOnLoopback.ts';

/** Answers every request after 50 ms, so the exchanges of a test are all in flight together. */
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 50));
});
let url = '';

beforeAll(async () => {
  const port = await listenOnLoopback(server);
  url = `http://127.0.0.1:${port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createTransport', () => {
  it("listens to the run's signals once per exchange in flight without Node warning of a leak", async () => {
    // Arrange: 24 exchanges at once, each listening to the run's signal (Node warns past ten listeners).
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const stop = new AbortController();
    const cleanupStop = new AbortController();
    const transport = createTransport(defaultOperation(), { auth: 'none', region: 'us-east-1', timeoutMs: 5_000, maxBodyBytes: 1024, connections: 24, signal: stop.signal, cleanupSignal: cleanupStop.signal });

    // Act
    const sent = Array.from({ length: 24 }, (_, i) => transport.send({ method: 'POST', url, headers: {}, body: '{}' }, i % 2 === 0 ? {} : { cleanup: true }));
    const results = await Promise.all(sent);
    await transport.close();
    // Node emits the warning on a later tick.
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);

    // Assert
    expect(results.every((r) => 'status' in r && r.status === 200)).toBe(true);
    expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
  });
});
