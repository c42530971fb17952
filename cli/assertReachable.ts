import { connect as tcpConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { echoed, EndpointUnreachableError } from '../src/errors.ts';

/**
 * How long "is anything there" may take, whatever --timeout says: --timeout bounds an operation, and a
 * busy machine or a far endpoint must not turn a slow first connection into "unreachable". A longer
 * --timeout is used as it is.
 */
export const CONNECT_PROBE_MS = 10_000;

/**
 * Reachable means it accepts a connection: a TCP connection to the endpoint's host and port (for https,
 * with the TLS handshake a request would make, certificate checked), closed again at once. Nothing is
 * sent, so an endpoint that hangs, resets or answers garbage to a request is reachable, and the suites
 * judge what it does (the transport check). A refused connection, an unknown host, a failed TLS handshake
 * or no connection within the bound (the longer of `timeoutMs` and `probeMs`) is an EndpointUnreachableError
 * (exit 2).
 */
export async function assertReachable(endpoint: string, timeoutMs: number, probeMs = CONNECT_PROBE_MS): Promise<void> {
  const url = new URL(endpoint);
  const tls = url.protocol === 'https:';
  // URL keeps the brackets of an IPv6 literal; a socket wants the bare address.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(url.port || (tls ? 443 : 80));
  const bound = Math.max(timeoutMs, probeMs);
  const reason = await new Promise<string | undefined>((resolve) => {
    const socket: Socket = tls ? tlsConnect({ host, port, ...(isIP(host) ? {} : { servername: host }) }) : tcpConnect({ host, port });
    let connected = false;
    socket.once('connect', () => (connected = true));
    const timer = setTimeout(() => done(connected ? `no TLS handshake within ${bound} ms (the server accepted the TCP connection)` : `no connection within ${bound} ms`), bound);
    function done(why: string | undefined): void {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      resolve(why);
    }
    socket.once(tls ? 'secureConnect' : 'connect', () => done(undefined));
    socket.once('error', (error: NodeJS.ErrnoException) => done(describe(error, host, tls)));
    // A peer that closes before the handshake is done sends no error on some paths.
    socket.once('close', () => done(tls ? 'the TLS handshake did not complete (the server closed the connection)' : 'the server closed the connection'));
  });
  if (reason !== undefined) throw new EndpointUnreachableError(endpoint, reason);
}

function describe(error: NodeJS.ErrnoException, host: string, tls: boolean): string {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND') return `host ${host} not found (DNS)`;
  if (code === 'EAI_AGAIN') return `host ${host} could not be looked up (DNS did not answer)`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `no route to host ${host}`;
  if (code === 'ETIMEDOUT') return 'the connection timed out';
  if (code === 'ECONNRESET' && tls) return 'the TLS handshake did not complete (the server reset the connection)';
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER') return 'TLS handshake failed: the server does not speak TLS there (for a plain HTTP endpoint, use http://)';
  // OpenSSL's messages hold a whole error-stack line; its code says the same in words.
  if (code.startsWith('ERR_SSL_')) return `TLS handshake failed: ${code.slice('ERR_SSL_'.length).toLowerCase().replaceAll('_', ' ')}`;
  const message = echoed(error.message.split('\n')[0]!);
  if (tls) return `TLS handshake failed: ${message}${code && !message.includes(code) ? ` (${code})` : ''}`;
  return `${code ? `${code}: ` : ''}${message}`;
}
