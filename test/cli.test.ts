import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flags } from '../cli/parseCliArgs.ts';
import { COMMANDS } from '../cli/commandList.ts';
import { startEmulator, type RunningEmulator } from '../emulator/index.ts';
import type { FailureRecord, RunReport } from '../checks/index.ts';
import { spawnCli, type CliResult as SpawnResult } from './support/spawnCli.ts';
import { listenOnLoopback } from './support/listenOnLoopback.ts';

/**
 * The CLI end to end, as a user runs it: `node bin/conformance.js` in a child process, its exit code,
 * what it prints and the report files it leaves. Runs are small (--runs 2, often one suite) so the
 * whole file stays well under a minute on two cores.
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const specFile = join(root, 'spec', 'create-proxy-session.yaml');
const scratch = mkdtempSync(join(tmpdir(), 'conformance-cli-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let dirs = 0;
/** A fresh directory per run, so no test can read another run's report. */
function freshDir(): string {
  return join(scratch, `run-${++dirs}`);
}

interface CliResult extends SpawnResult {
  reportDir: string;
}

/** Kill bound per child: far above any run here, far below vitest's own test timeout (60 s). */
const KILL_AFTER_MS = 45_000;

/**
 * Children running at once. Every describe is concurrent and vitest limits each group separately, so
 * this is the one real limit: on two cores more runs at once only stretch each run's wall time.
 */
const MAX_CHILDREN = 4;
let running = 0;
const waiting: (() => void)[] = [];
async function slot(): Promise<() => void> {
  if (running >= MAX_CHILDREN) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  // A released slot passes straight to the next waiter, so `running` stays counted.
  return () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
}

/**
 * Runs the CLI with `args` (plus a fresh --report-dir unless one is given). The child is the leader of its
 * own process group, so a hung run is killed together with vitest's workers inside it.
 */
async function conformance(args: string[], options: { reportDir?: string } = {}): Promise<CliResult> {
  const release = await slot();
  try {
    return await spawnCliIn(args, options.reportDir ?? freshDir());
  } finally {
    release();
  }
}

async function spawnCliIn(args: string[], reportDir: string): Promise<CliResult> {
  const argv = args.includes('--report-dir') ? args : [...args, '--report-dir', reportDir];
  return { ...(await spawnCli(argv, { killAfterMs: KILL_AFTER_MS })), reportDir };
}

function readReport(result: CliResult): RunReport {
  return JSON.parse(readFileSync(join(result.reportDir, 'report.json'), 'utf8')) as RunReport;
}

function failures(report: RunReport): FailureRecord[] {
  return report.checks.flatMap((c) => c.failures);
}

/** A stack frame anywhere in the output means a crash leaked through instead of a message. */
const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/m;

function expectNoStackTrace(result: CliResult): void {
  expect(result.stderr).not.toMatch(STACK_FRAME);
  expect(result.stdout).not.toMatch(STACK_FRAME);
}

/** The arguments of a report's replay line (`npx conformance --endpoint ... --path P`). */
function replayArgs(replay: string): string[] {
  const words = replay.split(' ');
  expect(words.slice(0, 2)).toEqual(['npx', 'conformance']);
  return words.slice(2);
}

/** A port nothing listens on: bind a free one, then release it. */
async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listenOnLoopback(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A plain HTTP server on a loopback port; close() also ends connections it deliberately left hanging. */
async function hostileServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(handler);
  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Answers every request but a POST (the suites' reads: List, Get...) like a service would, with a small JSON 404. */
function answerNonPost(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === 'POST') return false;
  req.resume();
  res.writeHead(404, { 'content-type': 'application/json' }).end('{"Code":"NotFound","Message":"no route"}');
  return true;
}

describe.concurrent('conformance with no endpoint (embedded reference emulator)', () => {
  it.concurrent('passes, prints the seed and writes a well-formed junit.xml and report.json', async () => {
    const result = await conformance(['--runs', '1']);
    expect(result.code, result.stderr).toBe(0);
    expectNoStackTrace(result);
    // Nothing from Node either: no warning reaches the user.
    expect(result.stderr).not.toMatch(/Warning/);
    const report = readReport(result);
    expect(report.verdict).toBe('pass');
    expect(report.target).toBe('embedded');
    expect(report.errors).toEqual([]);
    expect(report.totals.cases).toBeGreaterThan(0);
    expect(report.suites.map((s) => s.suite).sort()).toEqual(['acceptance', 'cross-session', 'lifecycle', 'rejection', 'unknown-connector', 'unspecified']);
    expect(result.stdout).toContain('PASS');
    expect(result.stdout).toContain(`seed ${report.seed}`);

    const junit = join(result.reportDir, 'junit.xml');
    expect(existsSync(junit)).toBe(true);
    // python's parser is independent of the renderer; a malformed file makes it exit non-zero.
    const parsed = spawnSync('python3', ['-c', 'import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); print(r.tag, len(list(r.iter("testcase"))))', junit], { encoding: 'utf8' });
    expect(parsed.status, parsed.stderr).toBe(0);
    const [tag, testcases] = parsed.stdout.trim().split(' ');
    expect(tag).toBe('testsuites');
    expect(Number(testcases)).toBeGreaterThan(0);
  });
});

describe.concurrent('conformance --endpoint at a faulty emulator (success-200)', () => {
  let emulator: RunningEmulator;
  /** A negative seed on purpose: replay lines carry it as `--seed -N`, which the parser must accept. */
  const seed = -7;
  let target: string[];
  let first: CliResult;
  let firstReport: RunReport;

  beforeAll(async () => {
    emulator = await startEmulator({ faults: ['success-200'] });
    target = ['--endpoint', emulator.url, '--voice-connector-id', emulator.voiceConnectorId!];
    first = await conformance([...target, '--suite', 'acceptance', '--runs', '2', '--seed', String(seed)]);
    firstReport = readReport(first);
  });
  afterAll(() => emulator?.close());

  it('exits 1 and names the failing check, with a curl line and a replay line', () => {
    expect(first.code, first.stderr).toBe(1);
    expect(first.stderr).toBe('');
    expectNoStackTrace(first);
    expect(first.stdout).toContain('FAIL');
    expect(first.stdout).toContain('status-code');
    expect(first.stdout).toMatch(/^\s*curl .*-X POST .*\/voice-connectors\/.+\/proxy-sessions$/m);
    expect(first.stdout).toMatch(new RegExp(`^\\s*npx conformance --endpoint ${emulator.url} --voice-connector-id ${emulator.voiceConnectorId} --seed ${seed} --family \\S+ --path [\\d:]+ --case-digest [0-9a-f]{12}$`, 'm'));

    expect(firstReport.verdict).toBe('fail');
    expect(firstReport.seed).toBe(seed);
    const statusCode = firstReport.checks.find((c) => c.check === 'status-code' && c.suite === 'acceptance')!;
    expect(statusCode.failed).toBeGreaterThan(0);
    const failure = statusCode.failures[0]!;
    expect(failure).toMatchObject({ check: 'status-code', seed, expected: 201, actual: 200 });
    expect(failure.replayPath).toMatch(/^\d+(:\d+)*$/);
    expect(failure.request.method).toBe('POST');
    expect(failure.request.url).toBe(`${emulator.url}/voice-connectors/${emulator.voiceConnectorId}/proxy-sessions`);
    expect(JSON.parse(failure.request.body!)).toHaveProperty('ParticipantPhoneNumbers');
    expect(failure.response?.status).toBe(200);
    expect(JSON.parse(failure.response!.body)).toHaveProperty('ProxySession');
    expect(failure.replay).toContain(`--seed ${seed} --family ${failure.family} --path ${failure.replayPath}`);
    // The replay command that keeps this report, with its report directory.
    expect(first.stdout).toMatch(new RegExp(`^\\s*npx conformance replay ${failure.id} --report-dir \\S+ {2}# the same, keeping this report$`, 'm'));
  });

  it.concurrent('the replay line reproduces the same failing request', async () => {
    const original = firstReport.checks.find((c) => c.check === 'status-code')!.failures[0]!;
    const args = replayArgs(original.replay);
    expect(args).toEqual(expect.arrayContaining(['--endpoint', emulator.url, '--seed', String(seed), '--family', original.family, '--path', original.replayPath]));
    const replay = await conformance(args);
    expect(replay.code, replay.stderr).toBe(1);
    expectNoStackTrace(replay);
    const report = readReport(replay);
    expect(report.totals.cases).toBe(1);
    const again = report.checks.find((c) => c.check === 'status-code')!.failures[0]!;
    expect(again.id).toBe(original.id);
    expect(again.request.body).toBe(original.request.body);
    expect(again.request.url).toBe(original.request.url);
    expect(again.response?.status).toBe(200);
  });

  it.concurrent('a replay line whose case is no longer at its path (the generators or spec changed since) runs nothing and says so: exit 2', async () => {
    const original = firstReport.checks.find((c) => c.check === 'status-code')!.failures[0]!;
    const args = replayArgs(original.replay);
    const at = args.indexOf('--case-digest');
    expect(args[at + 1]).toMatch(/^[0-9a-f]{12}$/);
    // What a replay line from a report of another tool version looks like: the same path, another case.
    const stale = args.with(at + 1, args[at + 1] === '000000000000' ? '111111111111' : '000000000000');
    const replay = await conformance(stale);
    expect(replay.code, replay.stdout).toBe(2);
    expectNoStackTrace(replay);
    const reason = /^\S+: --case-digest [01]{12} does not match the case at --family \S+ --path [\d:]+ \(its digest is [0-9a-f]{12} now\): the spec or the generators changed since that report/;
    expect(readReport(replay).errors).toEqual([expect.stringMatching(reason)]);
    expect(readReport(replay).totals.cases).toBe(0);
    // The console shows the whole reason, wrapped, not cut at the line width.
    expect(replay.stdout.replace(/\n {4}/g, ' ')).toMatch(/since that report, so the case was not run; run the suite again for a current replay line/);
  });

  it.concurrent('the same seed produces the same cases and the same failures', async () => {
    const second = await conformance([...target, '--suite', 'acceptance', '--runs', '2', '--seed', String(seed)]);
    expect(second.code, second.stderr).toBe(1);
    const fingerprint = (r: RunReport) => failures(r).map((f) => ({ id: f.id, check: f.check, family: f.family, path: f.replayPath, body: f.request.body }));
    expect(fingerprint(firstReport).length).toBeGreaterThan(0);
    expect(fingerprint(readReport(second))).toEqual(fingerprint(firstReport));
    expect(readReport(second).totals).toEqual(firstReport.totals);
  });
});

describe.concurrent('usage and configuration errors: exit 2, one readable line, no stack trace', () => {
  const fileNotDir = join(scratch, 'a-file');
  writeFileSync(fileNotDir, 'not a directory\n');
  const aDir = join(scratch, 'a-dir');
  mkdirSync(aDir, { recursive: true });
  /** Nine lists of nine aliases of the one before: 9^9 strings if every alias were expanded. */
  const bomb = join(scratch, 'billion-laughs.yaml');
  writeFileSync(bomb, ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n'));
  // Garbage: one long line of letters, 5 MiB (over the input limit) and 3 MiB (read, then echoed in the message).
  const garbage5 = join(scratch, 'garbage-5mib.txt');
  writeFileSync(garbage5, Buffer.alloc(5 * 1024 * 1024, 'q'));
  const garbage3 = join(scratch, 'garbage-3mib.txt');
  writeFileSync(garbage3, Buffer.alloc(3 * 1024 * 1024, 'q'));
  // A named pipe with no writer: opening it would wait for ever.
  const fifo = join(scratch, 'a-fifo');
  const madeFifo = spawnSync('mkfifo', [fifo]).status === 0;
  // An argument can be at most 128 KiB on Linux (MAX_ARG_STRLEN).
  const huge = 'z'.repeat(100_000);
  // A report directory whose session record is a directory: the run cannot keep its record there.
  const recordIsDir = join(scratch, 'record-is-dir');
  mkdirSync(join(recordIsDir, 'sessions.jsonl'), { recursive: true });

  const cases: [string, string[], RegExp][] = [
    ['an unknown flag', ['--bogus'], /unknown option --bogus/],
    ['--runs abc', ['--runs', 'abc'], /--runs must be a whole number/],
    ['--runs without a value', ['--runs'], /--runs needs a value/],
    ['--endpoint without --voice-connector-id', ['--endpoint', 'http://127.0.0.1:4566'], /--endpoint needs --voice-connector-id/],
    ['--endpoint not-a-url', ['--endpoint', 'not-a-url', '--voice-connector-id', 'vc'], /--endpoint "not-a-url" is not a URL/],
    ['--suite nope', ['--suite', 'nope'], /--suite "nope" is not a suite/],
    ['--path 1:x', ['--family', 'accept.random', '--path', '1:x'], /--path "1:x" is not a fast-check path/],
    ['--path without --family', ['--path', '1'], /--path needs --family/],
    ['--case-digest without --path', ['--case-digest', '0123456789ab'], /--case-digest needs --family and --path/],
    ['--case-digest that is not 12 hex digits', ['--family', 'accept.random', '--path', '1', '--case-digest', 'xyz'], /--case-digest "xyz" is not the 12 hex digits/],
    ['--family nope (a typo would otherwise run nothing and pass)', ['--family', 'nope'], /--family "nope" is not a case family/],
    ['--report-dir that cannot be created', ['--report-dir', join(fileNotDir, 'reports')], /^conformance: --report-dir \S+a-file\/reports cannot be created: \S+a-file is a file, not a directory$/m],
    ...(existsSync('/proc/self') ? [['--report-dir under /proc (where recursive mkdir spins for ever)', ['--report-dir', '/proc/conformance-x/y'], /^conformance: --report-dir \/proc\/conformance-x\/y cannot be created: \/proc\/conformance-x cannot be made: its parent takes no new directories \(ENOENT\)$/m] as [string, string[], RegExp]] : []),
    ['--report-dir whose sessions.jsonl is a directory', ['--report-dir', recordIsDir], /^conformance: --report-dir \S+record-is-dir cannot hold the run's session record: \S+sessions\.jsonl: EISDIR/m],
    ['a missing spec file', ['--spec', join(scratch, 'no-such-spec.yaml')], /^conformance: --spec \S*no-such-spec\.yaml: cannot be read: no such file \(ENOENT\)$/m],
    ['--spec /dev/zero (read without limit, it never ends)', ['--spec', '/dev/zero'], /^conformance: --spec \/dev\/zero: is a character device, not a regular file$/m],
    ['--config /dev/zero', ['--config', '/dev/zero'], /^conformance: --config \/dev\/zero: is a character device, not a regular file$/m],
    ['--spec DIR', ['--spec', aDir], /^conformance: --spec \S+a-dir: is a directory, not a regular file$/m],
    ['--config DIR', ['--config', aDir], /^conformance: --config \S+a-dir: is a directory, not a regular file$/m],
    ['a "billion laughs" --spec', ['--spec', bomb], /^conformance: --spec \S+billion-laughs\.yaml: cannot be read as YAML: its aliases expand more than 100 times/m],
    ['a "billion laughs" --config', ['--config', bomb], /^conformance: --config \S+billion-laughs\.yaml: cannot be read as YAML: its aliases expand more than 100 times/m],
    ['a 5 MiB garbage --spec', ['--spec', garbage5], /^conformance: --spec \S+garbage-5mib\.txt: is larger than 4 MiB, the most the tool reads of a spec or config file$/m],
    ['a 3 MiB garbage --spec (echoed cut short)', ['--spec', garbage3], /^conformance: --spec \S+garbage-3mib\.txt at \/: must be object, not string "q{199}… \(3145730 characters\)$/m],
    ...(madeFifo ? [['--config FIFO (a pipe nobody writes)', ['--config', fifo], /^conformance: --config \S+a-fifo: is a pipe, not a regular file$/m] as [string, string[], RegExp]] : []),
    ['a 100 kB --runs value (echoed cut short)', ['--runs', huge], /^conformance: --runs must be a whole number from 1 to 100000, not "z{200}… \(100000 characters\)"$/m],
    ['a 100 kB --endpoint value', ['--endpoint', huge, '--voice-connector-id', 'vc'], /^conformance: --endpoint "z{200}… \(100000 characters\)" is not a URL/m],
    ['a 100 kB unknown flag', [`--${huge}`], /^conformance: unknown option --z{198}… \(100002 characters\)\. Run with --help/m],
  ];

  it.concurrent.each(cases)('%s', async (_name, args, message) => {
    const result = await conformance(args);
    expect(result.code, result.stdout).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^conformance: [^\n]+\n$/);
    expect(result.stderr).toMatch(message);
    // A value from the user is echoed cut short: one short line, whatever the file or flag held.
    expect(result.stderr.length).toBeLessThan(1_000);
    expectNoStackTrace(result);
    // Refused before anything runs: node's start-up and no more (loose, for a busy machine).
    expect(result.ms).toBeLessThan(20_000);
  });
});

describe.concurrent('reports that cannot be written at the end of a run', () => {
  it.concurrent('the console report is printed, and the error says where the reports could not go and that the results are above; exit 2', async () => {
    const dir = freshDir();
    // report.json is a directory: the reports' rename into place fails, after the whole run.
    mkdirSync(join(dir, 'report.json'), { recursive: true });
    const result = await conformance(['--suite', 'acceptance', '--runs', '1'], { reportDir: dir });
    expect(result.code).toBe(2);
    expectNoStackTrace(result);
    expect(result.stdout).toContain('PASS');
    expect(result.stderr).toMatch(new RegExp(`^conformance: could not write the reports to ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(--report-dir\\): .*; the run's results \\(verdict pass\\) are in the console report above\\n$`));
    expect(result.ms).toBeLessThan(NO_HANG_MS);
  });
});

describe.concurrent('a broken spec file', () => {
  const original = readFileSync(specFile, 'utf8');
  const edits: [string, (text: string) => string, string][] = [
    ['a length min that is not a number', (t) => t.replace('length: { min: 2, max: 2 }', 'length: { min: "x", max: 2 }'), '/shapes/ParticipantPhoneNumberList/length/min'],
    ['an unknown top-level key', (t) => t.replace(/^specVersion: 1$/m, 'specVersion: 1\nbogusKey: 3'), '/bogusKey'],
  ];

  it.concurrent.each(edits)('%s: exit 2 naming the file and the bad entry', async (_name, edit, pointer) => {
    const edited = edit(original);
    expect(edited, 'the edit no longer applies to the bundled spec').not.toBe(original);
    const file = join(scratch, `spec-${pointer.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(file, edited);
    const result = await conformance(['--spec', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^conformance: [^\n]+\n$/);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toContain(pointer);
    expectNoStackTrace(result);
  });
});

describe.concurrent('an unreachable endpoint', () => {
  it.concurrent('exits 2 quickly with "unreachable"', async () => {
    const port = await freePort();
    const result = await conformance(['--endpoint', `http://127.0.0.1:${port}`, '--voice-connector-id', 'vc1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^conformance: endpoint http:\/\/127\.0\.0\.1:\d+ is unreachable: connection refused\n$/);
    expect(readReport(result).errors).toEqual([expect.stringMatching(/is unreachable: connection refused$/)]);
    expectNoStackTrace(result);
    expect(result.ms).toBeLessThan(15_000);
  });
});

/**
 * "Never a hang": a hostile-server run ends well before the 600 s default deadline and any hang. Loose on
 * purpose: these runs share 2 cores with the rest of the test files, and a timed test must not flake.
 */
const NO_HANG_MS = 45_000;

describe.concurrent('hostile servers: a readable verdict and a report, never a stack trace or a hang', () => {
  /** Runs the acceptance suite (21 cases at --runs 1) against a server and checks what every run must have. */
  async function against(handler: (req: IncomingMessage, res: ServerResponse) => void, extra: string[] = []): Promise<{ result: CliResult; report: RunReport }> {
    const server = await hostileServer(handler);
    try {
      const result = await conformance(['--endpoint', server.url, '--voice-connector-id', 'vc1', '--suite', 'acceptance', '--runs', '1', ...extra]);
      expectNoStackTrace(result);
      expect(result.stderr).toBe('');
      expect(existsSync(join(result.reportDir, 'junit.xml'))).toBe(true);
      return { result, report: readReport(result) };
    } finally {
      await server.close();
    }
  }

  /**
   * An endpoint that accepts connections but answers no request the way HTTP does (`behave` decides what a
   * connection gets): reachable, so no exit 2; the preflight's create gets no answer, which is no refusal,
   * and the suite judges it: the transport check fails, exit 1, with a report.
   */
  async function againstRawSocket(behave: (socket: Socket) => void): Promise<{ result: CliResult; report: RunReport }> {
    const sockets = new Set<Socket>();
    const server = createTcpServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      behave(socket);
    });
    const port = await listenOnLoopback(server);
    try {
      const url = `http://127.0.0.1:${port}`;
      const result = await conformance(['--endpoint', url, '--voice-connector-id', 'vc1', '--suite', 'acceptance', '--runs', '1', '--timeout', '500', '--deadline', '20']);
      expectNoStackTrace(result);
      expect(result.stderr).toBe('');
      expect(existsSync(join(result.reportDir, 'junit.xml'))).toBe(true);
      return { result, report: readReport(result) };
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  const rawServers: [string, (socket: Socket) => void, RegExp][] = [
    ['(a) accepts every connection and never answers', () => undefined, /no complete response within 500 ms/],
    ['(b) resets every request', (socket) => socket.on('data', () => socket.resetAndDestroy()), /the server closed the connection before a complete response/],
    ['(c) answers every request with bytes that are not HTTP', (socket) => socket.on('data', () => socket.end(Buffer.from('\u0000\u00ff\u0013 not HTTP at all \r\n\r\n', 'latin1'))), /HTTP/],
  ];

  it.concurrent.each(rawServers)('%s: reachable, the preflight goes on, the transport check fails, exit 1 with a report', async (_name, behave, why) => {
    const { result, report } = await againstRawSocket(behave);
    expect(result.code, result.stdout).toBe(1);
    expect(report.verdict).toBe('fail');
    expect(result.stdout).toMatch(/^Preflight: a plain, valid CreateProxySession got no answer \(.+\); the suites judge that \(the transport check\)\.$/m);
    expect(result.stdout).not.toMatch(/unreachable|preflight failed/);
    const transport = report.checks.find((c) => c.check === 'transport' && c.suite === 'acceptance')!;
    expect(transport.failed).toBeGreaterThan(0);
    expect(transport.failures[0]!.transport!.message).toMatch(why);
    expect(report.errors.join('\n')).toMatch(/acceptance: the endpoint failed \d+ requests in a row/);
    // --timeout 500 per request: the suite gives up after a few in a row, far inside the 20 s deadline.
    expect(result.ms).toBeLessThan(NO_HANG_MS);
  });

  it.concurrent('(g) every create is redirected: the preflight says it is a redirect, where to, and that it is not followed; exit 2', async () => {
    const server = await hostileServer((req, res) => {
      req.resume();
      res.writeHead(301, { location: 'https://example.com/moved-api/', 'content-type': 'text/html' }).end('<html>Moved</html>');
    });
    try {
      const result = await conformance(['--endpoint', server.url, '--voice-connector-id', 'vc1', '--suite', 'acceptance', '--runs', '1']);
      expect(result.code).toBe(2);
      expectNoStackTrace(result);
      expect(result.stderr).toMatch(/^conformance: preflight failed: a plain, valid CreateProxySession on voice connector vc1 was answered with 301, a redirect to https:\/\/example\.com\/moved-api\/\. The tool does not follow redirects[^\n]*\n$/);
      expect(result.stderr).not.toMatch(/HTTP 301|AWS ended support/);
      expect(readReport(result).errors.join('\n')).toContain('a redirect to https://example.com/moved-api/');
      expect(result.ms).toBeLessThan(NO_HANG_MS);
    } finally {
      await server.close();
    }
  });

  it.concurrent('(h) an HTML 500 to every create: the preflight says an HTML page answered, without the AWS note; exit 2', async () => {
    const server = await hostileServer((req, res) => {
      req.resume();
      res.writeHead(500, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><body><h1>Internal Server Error</h1></body></html>');
    });
    try {
      const result = await conformance(['--endpoint', server.url, '--voice-connector-id', 'vc1', '--suite', 'acceptance', '--runs', '1']);
      expect(result.code).toBe(2);
      expectNoStackTrace(result);
      expect(result.stderr).toMatch(/^conformance: preflight failed: .* was refused with 500 \(an HTML page, not an API answer\)\. The answer is no API error[^\n]*\n$/);
      expect(result.stderr).not.toMatch(/HTTP 500|AWS ended support/);
      expect(result.ms).toBeLessThan(NO_HANG_MS);
    } finally {
      await server.close();
    }
  });

  it.concurrent('(a2) the endpoint stops answering mid-run: the suite gives up; the hangs are a transport failure, exit 1', async () => {
    let creates = 0;
    const { result, report } = await against((req, res) => {
      if (answerNonPost(req, res)) return;
      req.resume();
      // The preflight's create (and only it) is answered; everything after hangs.
      if (++creates === 1) res.writeHead(201, { 'content-type': 'application/json' }).end('{"ProxySession":{"ProxySessionId":"p1"}}');
    }, ['--timeout', '500', '--deadline', '30']);
    expect(result.code).toBe(1);
    expect(report.verdict).toBe('fail');
    expect(report.errors.join('\n')).toMatch(/acceptance: the endpoint failed \d+ requests in a row \(no complete response within 500 ms\)/);
    // The replay must repeat --timeout: at the default 10 s the same case would hang ten seconds, not 0.5.
    const timeout = failures(report).find((f) => f.transport?.kind === 'timeout')!;
    expect(timeout.replay).toContain('--timeout 500');
    expect(result.ms).toBeLessThan(NO_HANG_MS);
  });

  it.concurrent('(f) a 5 MiB response body: reading stops at --max-body-bytes, the transport check fails, exit 1', async () => {
    const huge = Buffer.alloc(5 * 1024 * 1024, ' ');
    const { result, report } = await against((req, res) => {
      if (answerNonPost(req, res)) return;
      req.resume();
      res.on('error', () => undefined);
      res.writeHead(201, { 'content-type': 'application/json' }).end(huge);
    }, ['--max-body-bytes', '1048576']);
    expect(result.code).toBe(1);
    expect(report.verdict).toBe('fail');
    // Every create is answered with the huge body (the other operations' calls get a 404).
    const transport = report.checks.find((c) => c.check === 'transport' && c.suite === 'acceptance')!;
    expect(transport.failed).toBeGreaterThan(0);
    expect(transport.failures[0]!.transport).toMatchObject({ kind: 'too-large', message: 'response body exceeds 1048576 bytes' });
    expect(result.stdout).toContain('exceeds 1048576 bytes');
    expect(result.ms).toBeLessThan(NO_HANG_MS);
  });

  it.concurrent('(d) 200 with a text body to everything: status-code and content-type fail, exit 1', async () => {
    const { result, report } = await against((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain' }).end('hello, this is not JSON');
    });
    expect(result.code).toBe(1);
    expect(report.verdict).toBe('fail');
    const failed = report.checks.filter((c) => c.failed > 0 && c.strength === 'required').map((c) => c.check);
    expect(failed).toEqual(expect.arrayContaining(['status-code', 'content-type', 'response-schema']));
    expect(failures(report).find((f) => f.check === 'status-code')!.response).toMatchObject({ status: 200, body: 'hello, this is not JSON' });
    expect(result.ms).toBeLessThan(NO_HANG_MS);
  });

  it.concurrent('(e) 201 {"ProxySession":{}} to every POST: the invariants fail, exit 1', async () => {
    // Reads (the other operations' must-accept calls: List, GetVoiceConnectorProxy) get an empty, valid answer.
    const { result, report } = await against((req, res) => {
      req.resume();
      if (req.method === 'GET') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      if (answerNonPost(req, res)) return;
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"ProxySession":{}}');
    });
    expect(result.code).toBe(1);
    expect(report.verdict).toBe('fail');
    const failed = report.checks.filter((c) => c.failed > 0 && c.strength === 'required').map((c) => c.check);
    expect(failed).toEqual(expect.arrayContaining(['two-participants', 'participants-echo', 'voice-connector-echo', 'status-open']));
    expect(failed).not.toContain('status-code');
    expect(result.ms).toBeLessThan(NO_HANG_MS);
  });

  it.concurrent('a suite still sending when the deadline passes is an error (exit 2), not a silent pass', async () => {
    // The suite starts a few seconds before the deadline; its cases send several requests one after
    // another and each hangs for the whole 20 s --timeout, so the suite's hook times out at the deadline
    // and vitest skips its tests (on a very slow machine the deadline passes before the suite sends
    // anything; that is an error too).
    let creates = 0;
    const { result, report } = await against((req, res) => {
      if (answerNonPost(req, res)) return;
      req.resume();
      // The preflight's create is answered; the suite's then hang.
      if (++creates === 1) res.writeHead(201, { 'content-type': 'application/json' }).end('{"ProxySession":{"ProxySessionId":"p1"}}');
    }, ['--suite', 'cross-session', '--runs', '2', '--timeout', '20000', '--deadline', '8']);
    expect(result.code).toBe(2);
    expect(report.verdict).toBe('error');
    expect(report.errors.join('\n')).toMatch(/^cross-session: .*deadline/m);
    expect(result.ms).toBeLessThan(NO_HANG_MS);
  });
});

describe.concurrent('replays that select nothing', () => {
  it.concurrent('a --path that does not exist in the family is an error (exit 2), not a pass with 0 cases', async () => {
    const result = await conformance(['--seed', '1', '--family', 'accept.random', '--path', '0:999:999']);
    expect(result.code).toBe(2);
    expectNoStackTrace(result);
    const report = readReport(result);
    expect(report.verdict).toBe('error');
    expect(report.errors.join('\n')).toContain('0:999:999');
  });
});

describe.concurrent('--help and --version', () => {
  it.concurrent('--help exits 0 and lists every flag', async () => {
    const result = await conformance(['--help']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    for (const [name, flag] of Object.entries(flags)) {
      expect(result.stdout).toContain(`--${name}`);
      if ('short' in flag) expect(result.stdout).toContain(`-${flag.short}, --${name}`);
    }
    expect(result.stdout).toMatch(/Exit codes: 0 .*1 .*2 /s);
  });

  it.concurrent('--version prints the version of package.json', async () => {
    const result = await conformance(['--version']);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${pkg.version}\n`);
  });
});

describe.concurrent('every command is discoverable', () => {
  it.concurrent('--help lists every command with one line each', async () => {
    const result = await conformance(['--help']);
    for (const command of COMMANDS) expect(result.stdout).toContain(`${command.usage}`);
  });

  it.concurrent('an unknown command is exit 2 naming every command', async () => {
    const result = await conformance(['foo']);
    expect(result.code).toBe(2);
    expectNoStackTrace(result);
    for (const command of COMMANDS) expect(result.stderr).toContain(`${command.name}: ${command.says}`);
  });

  it.concurrent.each(COMMANDS.map((c) => [c.name]))('%s --help: its own help, exit 0', async (name) => {
    const result = await spawnCli([name, '--help']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(name === 'run' ? /^conformance: / : new RegExp(`^conformance ${name}: `));
  });
});

describe.concurrent('a shell with no AWS credentials', () => {
  // No AWS variables, no shared files (HOME is empty), no instance metadata: as a fresh shell on a laptop.
  const bare = { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SESSION_TOKEN: '', AWS_PROFILE: '', AWS_EC2_METADATA_DISABLED: 'true' };
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({});
  });
  afterAll(() => emulator.close());

  it.concurrent('a loopback endpoint is signed with the local test credentials, said in one line, and passes', async () => {
    const home = mkdtempSync(join(tmpdir(), 'conformance-home-'));
    const result = await spawnCli(['--endpoint', emulator.url, '--voice-connector-id', emulator.voiceConnectorId!, '--suite', 'acceptance', '--runs', '1', '--report-dir', join(home, 'report')], { env: { ...bare, HOME: home } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n').filter((l) => l.startsWith('Credentials:'))).toHaveLength(1);
    expect(result.stdout).toContain('local emulator test credentials');
  });
});
