import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';
import { listenOnLoopback } from './listenOnLoopback.ts';

/**
 * How a hostile endpoint misbehaves. Every mode serves from a reference emulator behind it (so sessions
 * are real and can be counted), except where it answers with something no emulator would send:
 * - deep-arrays / deep-objects: every answer is 200 with JSON nested 100,000 levels deep;
 * - big-12mb / big-200mb: every answer is 200 with a body of that size;
 * - big-header: every answer carries a 100 KB header;
 * - short-body: a create's answer claims 10 bytes more than it sends, then the connection closes;
 * - close-after-headers: a create's answer stops after its headers;
 * - server-error-after-create: a create is done, then answered 500;
 * - lost-creates-unlisted: as server-error-after-create, and every ListProxySessions is answered 500, so
 *   the run cannot look for the sessions those creates made;
 * - reset-every-third: every third request (cleanup deletes included) is reset before an answer;
 * - hang-after: requests after the first `after` get no answer at all;
 * - every-third-create-200: every third create (counted over the run) is answered 200 instead of 201: a
 *   failure that comes and goes.
 * The create modes spare the first `after` requests (the preflight), so the suites meet the fault.
 */
export type HostileMode =
  | 'pass'
  | 'deep-arrays'
  | 'deep-objects'
  | 'big-12mb'
  | 'big-200mb'
  | 'big-header'
  | 'short-body'
  | 'close-after-headers'
  | 'server-error-after-create'
  | 'lost-creates-unlisted'
  | 'reset-every-third'
  | 'hang-after'
  | 'every-third-create-200';

export interface HostileServer {
  url: string;
  voiceConnectorId: string;
  /** Sessions the emulator behind still holds. */
  openSessions(): number;
  /** Requests received so far. */
  readonly requests: number;
  close(): Promise<void>;
}

const DEPTH = 100_000;
const MB = 1024 * 1024;

export async function startHostileServer(mode: HostileMode, options: { after?: number } = {}): Promise<HostileServer> {
  const emulator = await startEmulator({});
  const after = options.after ?? 2;
  let requests = 0;
  // Creates answered so far (every-third-create-200): this server's own count.
  const creates = { count: 0 };
  const server = createServer((req, res) => {
    const n = ++requests;
    void handle(mode, emulator, { n, after, creates }, req, res).catch(() => res.destroy());
  });
  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    voiceConnectorId: emulator.voiceConnectorId!,
    openSessions: () => emulator.openSessions(),
    get requests() {
      return requests;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await emulator.close();
    },
  };
}

async function handle(mode: HostileMode, emulator: RunningEmulator, { n, after, creates }: { n: number; after: number; creates: { count: number } }, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const json = { 'content-type': 'application/json' };
  if (mode === 'hang-after' && n > after) return;
  if (mode === 'reset-every-third' && n % 3 === 0) return void req.socket.destroy();
  if (mode === 'deep-arrays') return void res.writeHead(200, json).end('['.repeat(DEPTH) + ']'.repeat(DEPTH));
  if (mode === 'deep-objects') return void res.writeHead(200, json).end('{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH));
  if (mode === 'big-header') return void res.writeHead(200, { ...json, 'x-big': 'a'.repeat(100 * 1024) }).end('{}');
  if (mode === 'big-12mb' || mode === 'big-200mb') return streamBody(res, mode === 'big-12mb' ? 12 : 200);
  const upstream = await fetch(emulator.url + (req.url ?? '/'), {
    method: req.method ?? 'GET',
    headers: Object.fromEntries(Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k))) as Record<string, string>,
    ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }),
  });
  const body = Buffer.from(await upstream.arrayBuffer());
  const headers: Record<string, string> = {};
  upstream.headers.forEach((v, k) => {
    if (!['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(k)) headers[k] = v;
  });
  const isCreate = req.method === 'POST' && /\/proxy-sessions$/.test((req.url ?? '').split('?')[0]!);
  const isList = req.method === 'GET' && /\/proxy-sessions$/.test((req.url ?? '').split('?')[0]!);
  if (mode === 'lost-creates-unlisted' && isList) return void res.writeHead(500, json).end('{"Message":"internal error"}');
  if (mode === 'every-third-create-200' && isCreate && upstream.status === 201 && ++creates.count % 3 === 0) return void res.writeHead(200, headers).end(body);
  if (isCreate && upstream.status < 300 && n > after) {
    if (mode === 'short-body') {
      res.writeHead(upstream.status, { ...headers, 'content-length': body.length + 10 }).write(body);
      return void setTimeout(() => req.socket.destroy(), 5);
    }
    if (mode === 'close-after-headers') {
      res.writeHead(upstream.status, { ...headers, 'content-length': body.length }).flushHeaders();
      return void setTimeout(() => req.socket.destroy(), 5);
    }
    if (mode === 'server-error-after-create' || mode === 'lost-creates-unlisted') return void res.writeHead(500, json).end('{"Message":"internal error"}');
  }
  res.writeHead(upstream.status, headers).end(body);
}

function streamBody(res: ServerResponse, megabytes: number): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(MB, 0x20);
  let sent = 0;
  const write = () => {
    while (sent < megabytes) {
      sent++;
      if (!res.write(chunk)) return void res.once('drain', write);
    }
    res.end();
  };
  res.on('close', () => (sent = megabytes));
  write();
}
