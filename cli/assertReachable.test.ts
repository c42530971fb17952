import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { EndpointUnreachableError } from '../src/errors.ts';
import { assertReachable } from './assertReachable.ts';
import { listenOnLoopback } from '../test/support/listenOnLoopback.ts';

/** A loopback TCP server whose `onSocket` decides what a connection gets; counts the bytes it received. */
async function tcpServer(onSocket: (socket: Socket) => void = () => undefined): Promise<{ port: number; received: () => number; close: () => Promise<void> }> {
  let received = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => (received += chunk.length));
    onSocket(socket);
  });
  const port = await listenOnLoopback(server);
  return {
    port,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

async function closedPort(): Promise<number> {
  const server = await tcpServer();
  await server.close();
  return server.port;
}

/** The reason an unreachable endpoint gives, or undefined when it is reachable; and how long it took. */
async function probe(endpoint: string, probeMs?: number): Promise<{ reason?: string; ms: number }> {
  const started = performance.now();
  try {
    await assertReachable(endpoint, 100, probeMs);
    return { ms: performance.now() - started };
  } catch (error) {
    expect(error).toBeInstanceOf(EndpointUnreachableError);
    return { reason: (error as Error).message, ms: performance.now() - started };
  }
}

describe('assertReachable: reachable means it accepts a connection', () => {
  it('a server that accepts and never answers is reachable, at once, and is sent nothing', async () => {
    const server = await tcpServer();
    try {
      const result = await probe(`http://127.0.0.1:${server.port}`);
      expect(result.reason).toBeUndefined();
      expect(result.ms).toBeLessThan(2_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(server.received()).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('a server that resets every connection once it is sent something is reachable (nothing is sent)', async () => {
    const server = await tcpServer((socket) => socket.on('data', () => socket.resetAndDestroy()));
    try {
      expect((await probe(`http://127.0.0.1:${server.port}`)).reason).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('a closed port is unreachable at once: connection refused', async () => {
    const result = await probe(`http://127.0.0.1:${await closedPort()}`);
    expect(result.reason).toMatch(/^endpoint http:\/\/127\.0\.0\.1:\d+ is unreachable: connection refused$/);
    expect(result.ms).toBeLessThan(2_000);
  });

  it('an unknown host (.invalid never resolves, RFC 6761) is unreachable and says it is the name', async () => {
    const result = await probe('http://no-such-host.invalid:4566');
    expect(result.reason).toMatch(/is unreachable: host no-such-host\.invalid (not found \(DNS\)|could not be looked up)/);
    expect(result.ms).toBeLessThan(15_000);
  });

  it('https to a server that does not speak TLS: the handshake fails, and the message says what to do', async () => {
    const server = await tcpServer((socket) => socket.on('data', () => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')));
    try {
      const result = await probe(`https://127.0.0.1:${server.port}`);
      expect(result.reason).toMatch(/is unreachable: TLS handshake failed: the server does not speak TLS there \(for a plain HTTP endpoint, use http:\/\/\)$/);
      expect(result.reason).not.toContain('\n');
    } finally {
      await server.close();
    }
  });

  it('https whose TCP connection is accepted but no handshake ever comes: unreachable within the bound, and says which part hung', async () => {
    const server = await tcpServer();
    try {
      const result = await probe(`https://127.0.0.1:${server.port}`, 300);
      expect(result.reason).toMatch(/is unreachable: no TLS handshake within 300 ms \(the server accepted the TCP connection\)$/);
      expect(result.ms).toBeGreaterThanOrEqual(250);
      expect(result.ms).toBeLessThan(3_000);
    } finally {
      await server.close();
    }
  });

  describe('https with a certificate the client does not trust', () => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-tls-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost'], { encoding: 'utf8' });

    it.skipIf(made.status !== 0)('is unreachable: the handshake checks the certificate as every request would', async () => {
      const server = createTlsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (socket) => socket.end());
      server.on('tlsClientError', () => undefined);
      const port = await listenOnLoopback(server);
      try {
        const result = await probe(`https://127.0.0.1:${port}`);
        expect(result.reason).toMatch(/is unreachable: TLS handshake failed: self[- ]signed certificate/);
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
  });
});
