import type { AddressInfo, Server } from 'node:net';

/**
 * Starts a test's server (HTTP, TLS or raw TCP) on a free loopback port and resolves with that port: the
 * one way the project's tests stand up an endpoint of their own.
 */
export async function listenOnLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}
