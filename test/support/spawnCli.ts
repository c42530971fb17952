import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listenOnLoopback } from './listenOnLoopback.ts';

/** The repository root and the CLI as a user runs it (`node bin/conformance.js`). */
export const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'conformance.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** With `measureRss`: the CLI's peak resident set size in MB. */
  maxRssMb?: number;
  /** With `interrupt`: ms from the first signal to the exit. */
  msAfterSignal?: number;
}

/** Signals sent to the CLI's whole process group, as a terminal's Ctrl-C is. */
export interface Interrupt {
  signal: NodeJS.Signals;
  /** Sent once this holds, polled every 50 ms (or after `afterMs`, whichever comes first). */
  when?: () => boolean;
  afterMs: number;
  /** A second signal this many ms after the first. */
  againAfterMs?: number;
}

/**
 * Runs the CLI in a child process (its own process group, killed whole after `killAfterMs`), with test
 * credentials and CI settings; `env` adds or overrides variables.
 */
export function spawnCli(args: string[], options: { env?: Record<string, string>; cwd?: string; killAfterMs?: number; measureRss?: boolean; interrupt?: Interrupt } = {}): Promise<CliResult> {
  const started = performance.now();
  const killAfterMs = options.killAfterMs ?? 45_000;
  const rssFile = options.measureRss ? join(mkdtempSync(join(tmpdir(), 'conformance-rss-')), 'maxrss') : undefined;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? root,
      env: {
        ...process.env,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        NO_COLOR: '1',
        CI: 'true',
        GITHUB_ACTIONS: '',
        GITHUB_STEP_SUMMARY: '',
        AWS_ACCESS_KEY_ID: 'AKIDCONFORMANCETEST',
        AWS_SECRET_ACCESS_KEY: 'conformance-test-secret',
        AWS_REGION: 'us-east-1',
        ...(rssFile ? { NODE_OPTIONS: `--import=${join(root, 'test', 'support', 'recordMaxRss.mjs')}`, CONFORMANCE_TEST_MAXRSS_FILE: rssFile } : {}),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let signalledAt: number | undefined;
    const interrupt = options.interrupt;
    const signalGroup = () => {
      if (signalledAt !== undefined || !interrupt) return;
      signalledAt = performance.now();
      const send = () => {
        try {
          process.kill(-child.pid!, interrupt.signal);
        } catch {
          // already gone
        }
      };
      send();
      if (interrupt.againAfterMs !== undefined) setTimeout(send, interrupt.againAfterMs).unref();
    };
    const interruptTimer = interrupt ? setTimeout(signalGroup, interrupt.afterMs) : undefined;
    const poll = interrupt?.when
      ? setInterval(() => {
          if (interrupt.when!()) signalGroup();
        }, 50)
      : undefined;
    child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    const timer = setTimeout(() => {
      stderr += `\n[test: killed after ${killAfterMs} ms, the run hung]\n`;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, killAfterMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      clearTimeout(interruptTimer);
      clearInterval(poll);
      const maxRss = rssFile && existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : undefined;
      resolve({
        code,
        stdout,
        stderr,
        ms: performance.now() - started,
        ...(maxRss !== undefined ? { maxRssMb: maxRss } : {}),
        ...(signalledAt !== undefined ? { msAfterSignal: performance.now() - signalledAt } : {}),
      });
    });
  });
}

/** A request body that went through a recording proxy. */
export interface Recorded {
  method: string;
  path: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * A transparent HTTP proxy in front of `target` that records every request (method, path, headers, body)
 * in arrival order: what a run really sent, for comparing runs on the wire.
 */
export async function recordingProxy(target: string): Promise<{ url: string; recorded: Recorded[]; close: () => Promise<void> }> {
  const recorded: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      recorded.push({ method: req.method ?? '', path: req.url ?? '', body: body.toString('utf8'), headers: req.headers });
      const upstream = httpRequest(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    });
  });
  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    recorded,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
