import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startEmulator } from '../emulator/index.ts';
import { defaultOperation } from '../src/spec/index.ts';

/**
 * The reference emulator alone in its own process, for bench/bench.ts: the load generators (the
 * conformance engine, autocannon) then never share an event loop with the server they measure.
 *
 * Prints one JSON line on stdout when listening: {"url": ..., "voiceConnectorId": ...}.
 * When forked with an IPC channel it answers {type: 'stats'} with the requests it has served, counted
 * server-side through Node's built-in `http.server.*` diagnostics channels (no change to the emulator),
 * and exits when the parent goes away, so it can never outlive the bench.
 *
 *   node --import tsx bench/serveEmulator.ts      # standalone; Ctrl-C to stop
 */

export interface EmulatorStats {
  /** Requests whose headers the server has parsed. */
  requests: number;
  /** Responses finished, by "METHOD STATUS", e.g. "POST 400", "DELETE 204". */
  responses: Record<string, number>;
  /** Open sessions in the emulator right now. */
  openSessions: number;
  /** CPU time this process has used so far (user + system), microseconds. */
  cpuMicros: number;
}

export type ToServer = { type: 'stats'; id: number };
export type FromServer = { type: 'ready'; url: string; voiceConnectorId: string } | { type: 'stats'; id: number; stats: EmulatorStats };

let requests = 0;
const responses: Record<string, number> = {};
subscribe('http.server.request.start', () => {
  requests++;
});
subscribe('http.server.response.finish', (message) => {
  const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
  const key = `${request.method ?? '?'} ${response.statusCode}`;
  responses[key] = (responses[key] ?? 0) + 1;
});

const emulator = await startEmulator({ model: defaultOperation() });

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await emulator.close().catch(() => undefined);
  process.exit(code);
}
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
// The parent went away (even by SIGKILL): nothing to finish, so exit at once; the OS closes the sockets.
process.on('disconnect', () => process.exit(0));

process.on('message', (raw) => {
  const message = raw as ToServer;
  if (message?.type !== 'stats') return;
  const reply: FromServer = { type: 'stats', id: message.id, stats: { requests, responses: { ...responses }, openSessions: emulator.openSessions(), cpuMicros: cpuMicros() } };
  process.send?.(reply);
});

function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

const ready: FromServer = { type: 'ready', url: emulator.url, voiceConnectorId: emulator.voiceConnectorId! };
process.stdout.write(`${JSON.stringify({ url: ready.url, voiceConnectorId: ready.voiceConnectorId })}\n`);
process.send?.(ready);
