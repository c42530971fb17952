import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result as CannonResult } from 'autocannon';
import fc from 'fast-check';
import { request } from 'undici';
import { validBody } from '../generators/index.ts';
import { buildRequest, errorTypeOf, type WireRequest } from '../src/protocol/index.ts';
import { defaultOperation, type OperationModel } from '../src/spec/index.ts';
import { createRunContext } from '../engine/runContext.ts';
import { runSuite } from '../engine/runSuites.ts';
import type { SuiteResult } from '../engine/types.ts';
import { suiteGroups as allSuiteGroups } from '../engine/suiteGroups.ts';

// The default run's suites: opt-in ones (auth) need an emulator that checks signatures.
const suiteGroups = allSuiteGroups.filter((g) => !g.optIn);
import type { EmulatorStats, FromServer, ToServer } from './serveEmulator.ts';
import { localRunOptions } from '../engine/localRunOptions.ts';

/**
 * `npm run bench`: checked conformance cases per second against the reference emulator, beside the raw
 * loopback ceiling autocannon reaches against the same emulator instance. The emulator runs alone in a
 * child process (bench/serveEmulator.ts) for every measurement, so neither load generator (the
 * conformance engine, autocannon; both in this process, one after the other) shares an event loop with
 * the server. Loopback only, bounded (the whole bench stops itself within BUDGET_MS), exits 1 with a
 * readable message if anything fails.
 */

const SEED = 20261127;
/**
 * Cases per family: about 430 families of every operation, the generated ones x 20, the deterministic
 * ones whole, plus 65 lifecycle sequences and probes, so 8,332 cases per conformance row, 4-7 s each on a
 * quiet 2-core machine.
 */
const RUNS = 20;
const CONCURRENCIES = [8, 32] as const;
/** autocannon: connections (one row each, matching the conformance concurrencies), seconds per row. */
const CANNON_CONNECTIONS = [8, 32] as const;
const CANNON_SECONDS = 4;
/** Unreported warm-up before measuring, so both processes measure JIT-compiled code. */
const WARMUP_RUNS = 5;
const WARMUP_CANNON_SECONDS = 1;
/** Hard limit for the whole bench. */
const BUDGET_MS = 55_000;
/**
 * A conformance row that takes longer than this fails (the engine stops sending at its deadline); it also
 * ends early enough to leave the autocannon rows their time within BUDGET_MS.
 */
const ROW_DEADLINE_MS = 15_000;
/** What the autocannon rows and the report need after the conformance rows (autocannon may overrun a row by 1 s). */
const CANNON_RESERVE_MS = CANNON_CONNECTIONS.length * 2 * (CANNON_SECONDS + 1.5) * 1000 + 2_000;
/** Epoch ms by which the bench must end (set in main). */
let budgetEnd = Number.POSITIVE_INFINITY;

class BenchError extends Error {}

interface ConformanceRow {
  concurrency: number;
  cases: number;
  /** Requests the engine recorded as case exchanges (creates, rejections, ...; no cleanup). */
  exchanges: number;
  /** Requests the emulator served during the row, counted server-side. */
  served: number;
  /** DELETEs among them: executeCase's cleanup of every created session. */
  deletes: number;
  wallMs: number;
  cpu: CpuShare;
  /** Responses the emulator sent, by "METHOD STATUS". */
  mix: Record<string, number>;
  advisoryFailures: number;
  /** Per suite, in the order run: cases and wall time. */
  suites: { suite: string; cases: number; wallMs: number }[];
}

/** CPU time used during a measurement, as a share of one core over its wall time (1 = one core busy). */
interface CpuShare {
  /** This whole process: the engine's thread, the SDK's worker thread, V8's and libuv's helper threads. */
  bench: number;
  /** The engine's own thread, the one the loop runs on (Linux /proc; else undefined). */
  engine: number | undefined;
  emulator: number;
  /**
   * A noise gauge: the share of the whole machine's CPU time (all cores) that was busy or stolen by the
   * hypervisor during the row but not used by the bench or the emulator (Linux /proc/stat; else undefined).
   */
  other: number | undefined;
}

interface CannonRow {
  label: string;
  expect: number;
  connections: number;
  result: CannonResult;
  /** Requests the emulator served during the row, and the row's wall time (both measured like a conformance row's). */
  served: number;
  wallMs: number;
  cpu: CpuShare;
}

// ---------------------------------------------------------------------------------------------------
// The emulator child process

class EmulatorChild {
  #next = 0;
  readonly #pending = new Map<number, (stats: EmulatorStats) => void>();
  #exited: string | undefined;

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    readonly voiceConnectorId: string,
  ) {
    child.on('message', (raw) => {
      const message = raw as FromServer;
      if (message.type === 'stats') this.#pending.get(message.id)?.(message.stats);
    });
    child.on('exit', (code, signal) => {
      this.#exited = `the emulator child process exited (${signal ?? `code ${code}`})`;
    });
  }

  static async start(): Promise<EmulatorChild> {
    const script = fileURLToPath(new URL('./serveEmulator.ts', import.meta.url));
    const child = fork(script, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const ready = await new Promise<Extract<FromServer, { type: 'ready' }>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new BenchError('the emulator child process did not start listening within 15 s')), 15_000);
      child.once('error', (error) => reject(new BenchError(`could not start the emulator child process: ${error.message}`)));
      child.once('exit', (code, signal) => reject(new BenchError(`the emulator child process exited before listening (${signal ?? `code ${code}`})`)));
      child.on('message', (raw) => {
        const message = raw as FromServer;
        if (message.type !== 'ready') return;
        clearTimeout(timer);
        resolve(message);
      });
    }).catch((error: unknown) => {
      child.kill('SIGKILL');
      throw error;
    });
    return new EmulatorChild(child, ready.url, ready.voiceConnectorId);
  }

  stats(): Promise<EmulatorStats> {
    if (this.#exited) return Promise.reject(new BenchError(this.#exited));
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new BenchError('the emulator child process did not answer a stats request within 5 s')), 5_000);
      this.#pending.set(id, (stats) => {
        clearTimeout(timer);
        this.#pending.delete(id);
        resolve(stats);
      });
      this.child.send({ type: 'stats', id } satisfies ToServer);
    });
  }

  /** Idempotent; SIGKILL if SIGTERM has not ended it within 2 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
    await exited;
    clearTimeout(timer);
  }
}

/** Starts a measurement window: call the result to get this process's and the emulator's CPU share since. */
async function cpuWindow(emulator: EmulatorChild): Promise<() => Promise<{ cpu: CpuShare; before: EmulatorStats; after: EmulatorStats; wallMs: number }>> {
  const before = await emulator.stats();
  const machine = machineTicks();
  const benchCpu = process.cpuUsage();
  const engineCpu = engineThreadMicros();
  const started = performance.now();
  return async () => {
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(benchCpu);
    const engineNow = engineThreadMicros();
    const machineNow = machineTicks();
    const after = await emulator.stats();
    const micros = wallMs * 1000;
    const bench = (used.user + used.system) / micros;
    const emulatorShare = (after.cpuMicros - before.cpuMicros) / micros;
    let other: number | undefined;
    if (machine && machineNow && machineNow.total > machine.total) {
      const dTotal = machineNow.total - machine.total;
      const busy = (dTotal - (machineNow.idle - machine.idle)) / dTotal;
      other = Math.max(0, busy - (bench + emulatorShare) / machineNow.cores);
    }
    const engine = engineCpu !== undefined && engineNow !== undefined ? (engineNow - engineCpu) / micros : undefined;
    return { cpu: { bench, engine, emulator: emulatorShare, other }, before, after, wallMs };
  };
}

/** CPU time of this process's main thread (the engine's), microseconds, from Linux /proc; undefined elsewhere. */
function engineThreadMicros(): number | undefined {
  try {
    // utime and stime, fields 14 and 15 of /proc/<pid>/task/<tid>/stat, counted after the ") " that ends the name.
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    // USER_HZ is 100 on every Linux Node supports.
    return Number.isFinite(ticks) ? ticks * 10_000 : undefined;
  } catch {
    return undefined;
  }
}

/** The machine's aggregate CPU ticks from /proc/stat (Linux), or undefined elsewhere. */
function machineTicks(): { total: number; idle: number; cores: number } | undefined {
  try {
    const lines = readFileSync('/proc/stat', 'utf8').split('\n');
    const first = lines[0]!.trim().split(/\s+/);
    // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user/nice)
    const ticks = first.slice(1, 9).map(Number);
    if (first[0] !== 'cpu' || ticks.length < 8 || ticks.some((t) => !Number.isFinite(t))) return undefined;
    const cores = lines.filter((l) => /^cpu\d+\s/.test(l)).length;
    return { total: ticks.reduce((a, b) => a + b, 0), idle: ticks[3]! + ticks[4]!, cores: cores || 1 };
  } catch {
    return undefined;
  }
}

function delta(after: EmulatorStats, before: EmulatorStats, method?: string): number {
  if (method === undefined) return after.requests - before.requests;
  let n = 0;
  for (const [key, count] of Object.entries(after.responses)) if (key.startsWith(`${method} `)) n += count - (before.responses[key] ?? 0);
  return n;
}

// ---------------------------------------------------------------------------------------------------
// Conformance rows

async function runConformance(model: OperationModel, emulator: EmulatorChild, concurrency: number, runs: number): Promise<ConformanceRow> {
  const options = localRunOptions(emulator, {
    seed: SEED,
    runs,
    concurrency,
    // A create is not sent once the deadline is nearer than --timeout (cut short, it could leave a session
    // nobody knows of): on loopback a short timeout keeps nearly the whole row for sending.
    timeoutMs: 2_000,
    deadline: Math.min(Date.now() + ROW_DEADLINE_MS, budgetEnd - CANNON_RESERVE_MS),
  });
  const stop = await cpuWindow(emulator);
  const results: SuiteResult[] = [];
  const context = createRunContext(model, options);
  try {
    for (const group of suiteGroups) {
      const result = await runSuite(context, group.id);
      results.push(result);
      if (result.suite.error !== undefined) break;
    }
  } finally {
    await context.close();
  }
  const { cpu, before, after, wallMs } = await stop();

  const late = results.find((r) => r.suite.error?.includes('deadline'));
  if (late) {
    throw new BenchError(
      `the conformance row at concurrency ${concurrency} (${runs} runs per family) ran out of time in suite ${late.suite.suite} after ${secs(wallMs)} s (machine busy? the whole bench must end within ${BUDGET_MS / 1000} s)`,
    );
  }
  const broken = results.flatMap((r) => [
    ...(r.suite.error !== undefined ? [`suite ${r.suite.suite}: ${r.suite.error}`] : []),
    ...r.checks.filter((c) => c.failed > 0 && c.strength !== 'advisory' && c.strength !== 'opt-in').map((c) => `suite ${r.suite.suite}, check ${c.check}: ${c.failed} of ${c.cases} cases failed (${c.failures[0]?.message ?? 'no message'})`),
  ]);
  if (broken.length > 0) throw new BenchError(`the reference emulator failed its own conformance run at concurrency ${concurrency}:\n  ${broken.join('\n  ')}`);
  if (after.openSessions !== 0) throw new BenchError(`${after.openSessions} sessions were left open after the conformance run at concurrency ${concurrency} (cleanup failed)`);

  return {
    concurrency,
    cases: results.reduce((n, r) => n + r.suite.cases, 0),
    exchanges: results.reduce((n, r) => n + r.suite.requests, 0),
    served: delta(after, before),
    deletes: delta(after, before, 'DELETE'),
    wallMs,
    cpu,
    mix: Object.fromEntries(Object.entries(after.responses).map(([k, n]) => [k, n - (before.responses[k] ?? 0)]).filter(([, n]) => (n as number) > 0)),
    advisoryFailures: results.reduce((n, r) => n + r.checks.filter((c) => c.failed > 0 && (c.strength === 'advisory' || c.strength === 'opt-in')).length, 0),
    suites: results.map((r) => ({ suite: r.suite.suite, cases: r.suite.cases, wallMs: r.suite.durationMs })),
  };
}

// ---------------------------------------------------------------------------------------------------
// autocannon rows

interface Probe {
  label: string;
  short: string;
  expect: number;
  errorName: string;
  request: WireRequest;
}

/**
 * The two stateless requests autocannon repeats: both carry a complete, valid-in-every-other-way body
 * (every member present), so the emulator reads, parses and schema-validates all of it; neither opens a
 * session, so the finite proxy-number pool is never touched.
 */
function probes(model: OperationModel, url: string, voiceConnectorId: string): Probe[] {
  const body = fc.sample(validBody(model, { presence: 'all' }), { seed: SEED, numRuns: 1 })[0]!;
  const badName = { ...body, Name: 'bench!' };
  const unknownConnector = 'conformance0unknown000';
  const check = (what: string, input: Record<string, unknown>, expected: (v: { path: string; keyword: string }[]) => boolean) => {
    const violations = model.validateInput(input);
    if (!expected(violations)) throw new BenchError(`the ${what} request does not violate what the bench expects: ${JSON.stringify(violations)}`);
  };
  check('400', { ...badName, VoiceConnectorId: voiceConnectorId }, (v) => v.length === 1 && v[0]!.path === '/Name' && v[0]!.keyword === 'pattern');
  check('404', { ...body, VoiceConnectorId: unknownConnector }, (v) => v.length === 0);
  return [
    {
      label: '400: Name breaks its pattern -> BadRequestException (parse + full schema validation, then reject)',
      short: '400 Name breaks its pattern',
      expect: 400,
      errorName: 'BadRequestException',
      request: buildRequest(model, url, { labels: { VoiceConnectorId: voiceConnectorId }, body: badName }),
    },
    {
      label: '404: valid body, unknown voice connector -> NotFoundException (validation + unspecified-input policy + connector lookup)',
      short: '404 unknown voice connector',
      expect: 404,
      errorName: 'NotFoundException',
      request: buildRequest(model, url, { labels: { VoiceConnectorId: unknownConnector }, body }),
    },
  ];
}

/** One request of each kind, checked, before any load: a wrong answer fails the bench instead of being measured. */
async function verifyProbe(probe: Probe): Promise<void> {
  const res = await request(probe.request.url, { method: probe.request.method as 'POST', headers: probe.request.headers, body: probe.request.body, headersTimeout: 5_000, bodyTimeout: 5_000 });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : String(v)]));
  const name = errorTypeOf(headers, json);
  if (res.statusCode !== probe.expect || name !== probe.errorName) {
    throw new BenchError(`the ${probe.short} request got ${res.statusCode} ${name ?? '(no error name)'}, not ${probe.expect} ${probe.errorName}: ${text.slice(0, 300)}`);
  }
}

async function cannon(probe: Probe, connections: number, seconds: number): Promise<CannonResult> {
  const { method, url, headers, body } = probe.request;
  return await autocannon({ url, method, headers, ...(body !== undefined ? { body } : {}), connections, pipelining: 1, duration: seconds, timeout: 5, title: probe.short });
}

async function runCannon(emulator: EmulatorChild, probe: Probe, connections: number): Promise<CannonRow> {
  const stop = await cpuWindow(emulator);
  const result = await cannon(probe, connections, CANNON_SECONDS);
  const { cpu, before, after, wallMs } = await stop();
  const statuses = Object.entries(result.statusCodeStats);
  const wrong = statuses.filter(([code]) => Number(code) !== probe.expect);
  if (result.errors > 0 || result.timeouts > 0 || wrong.length > 0 || result.requests.total === 0) {
    throw new BenchError(
      `autocannon (${probe.short}, ${connections} connections) saw ${result.errors} errors, ${result.timeouts} timeouts, statuses ${JSON.stringify(result.statusCodeStats)}; expected only ${probe.expect}`,
    );
  }
  const otherResponses = Object.entries(after.responses).filter(([key, n]) => key !== `${probe.request.method} ${probe.expect}` && n !== (before.responses[key] ?? 0));
  if (otherResponses.length > 0) throw new BenchError(`during the ${probe.short} load the emulator also answered ${otherResponses.map(([k, n]) => `${k} x${n - (before.responses[k] ?? 0)}`).join(', ')}`);
  if (after.openSessions !== 0) throw new BenchError(`the ${probe.short} load opened ${after.openSessions} sessions; it must not create state`);
  return { label: probe.label, expect: probe.expect, connections, result, served: delta(after, before), wallMs, cpu };
}

// ---------------------------------------------------------------------------------------------------
// Output

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (ms: number) => (ms / 1000).toFixed(2);
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const perSec = (n: number, ms: number) => n / (ms / 1000);
/** Server-counted requests over the bench's wall clock, exactly as for a conformance row. */
const rps = (row: CannonRow) => perSec(row.served, row.wallMs);
/** Other load at or above this marks a row as measured on a busy machine. */
const NOISY = 0.1;
const noisy = (cpu: CpuShare) => cpu.other !== undefined && cpu.other >= NOISY;
const otherText = (cpu: CpuShare) => (cpu.other === undefined ? 'n/a' : `${pct(cpu.other)}${noisy(cpu) ? ' !' : ''}`);
const LETTER: Record<number, string> = { 400: 'A', 404: 'B' };

function table(header: string[], rows: string[][], rightFrom = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= rightFrom ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function mixText(mix: Record<string, number>): string {
  return Object.entries(mix)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ${int(n)}`)
    .join(', ');
}

function report(conformance: ConformanceRow[], cannons: CannonRow[], families: number, startedAt: number): string {
  /** The 400 row at the same number of connections as the conformance concurrency (else the first 400 row). */
  const ceiling = (connections: number) => cannons.find((c) => c.expect === 400 && c.connections === connections) ?? cannons.find((c) => c.expect === 400)!;
  const out: string[] = [];
  out.push(`CONFORMANCE: every suite (${suiteGroups.map((g) => g.id).join(', ')}), ${families} families x ${RUNS} runs, seed ${SEED}`);
  out.push(
    table(
      ['concurrency', 'cases', 'requests', 'of which DELETE', 'wall s', 'cases/s', 'requests/s', 'bench CPU', 'engine thread', 'emulator CPU', 'other load', 'vs ceiling A'],
      conformance.map((r) => {
        const c = ceiling(r.concurrency);
        return [
          String(r.concurrency),
          int(r.cases),
          int(r.served),
          int(r.deletes),
          secs(r.wallMs),
          int(perSec(r.cases, r.wallMs)),
          int(perSec(r.served, r.wallMs)),
          pct(r.cpu.bench),
          r.cpu.engine === undefined ? 'n/a' : pct(r.cpu.engine),
          pct(r.cpu.emulator),
          otherText(r.cpu),
          `${pct(perSec(r.served, r.wallMs) / rps(c))} (c=${c.connections})`,
        ];
      }),
    ),
  );
  const mixes = [...new Set(conformance.map((r) => mixText(r.mix)))];
  if (mixes.length === 1) out.push(`  responses per row: ${mixes[0]}`);
  else for (const r of conformance) out.push(`  responses at concurrency ${r.concurrency}: ${mixText(r.mix)}`);
  for (const r of conformance.filter((r) => r.served !== r.exchanges + r.deletes)) {
    out.push(`  note: at concurrency ${r.concurrency} the emulator served ${r.served} requests; the engine recorded ${r.exchanges} case exchanges + ${r.deletes} cleanup DELETEs`);
  }
  for (const r of conformance) {
    const bound = noisy(r.cpu)
      ? `nothing clear: other processes kept ${pct(r.cpu.other!)} of the machine busy`
      : (r.cpu.engine ?? r.cpu.bench) >= 0.9
        ? "the engine's thread (a full core busy)"
        : r.cpu.emulator >= 0.9
          ? 'the emulator (a full core busy)'
          : r.cpu.bench + r.cpu.emulator >= 0.9 * availableParallelism()
            ? 'the machine (every core busy: the engine, its SDK thread and the emulator)'
            : 'no core (the engine waits on answers)';
    out.push(`  concurrency ${r.concurrency}: bound by ${bound}`);
  }
  // Where each row's wall time went: the suites run one after another, so the slowest sets the pace.
  out.push('');
  out.push('PER SUITE (the suites run one after another; the lifecycle suite runs one sequence at a time)');
  out.push(
    table(
      ['suite', ...conformance.flatMap((r) => [`cases`, `s at ${r.concurrency}`, `cases/s at ${r.concurrency}`])],
      conformance[0]!.suites.map((s, i) => [s.suite, ...conformance.flatMap((r) => [int(r.suites[i]?.cases ?? 0), secs(r.suites[i]?.wallMs ?? 0), int(perSec(r.suites[i]?.cases ?? 0, r.suites[i]?.wallMs ?? 1))])]),
    ),
  );
  for (const r of conformance.filter((r) => r.advisoryFailures > 0)) out.push(`  note: ${r.advisoryFailures} advisory/opt-in checks failed at concurrency ${r.concurrency} (not a bench failure)`);
  out.push('');
  out.push(`LOOPBACK CEILING: autocannon against the same emulator process, pipelining 1, ${CANNON_SECONDS} s per row`);
  out.push(
    table(
      ['request', 'connections', 'requests', 'wall s', 'requests/s', '± sd/s', 'p50 ms', 'p99 ms', 'bench CPU', 'emulator CPU', 'other load'],
      cannons.map((c) => [
        `${LETTER[c.expect] ?? '?'} ${c.expect}`,
        String(c.connections),
        int(c.served),
        secs(c.wallMs),
        int(rps(c)),
        int(c.result.requests.stddev),
        String(c.result.latency.p50),
        String(c.result.latency.p99),
        pct(c.cpu.bench),
        pct(c.cpu.emulator),
        otherText(c.cpu),
      ]),
    ),
  );
  for (const [expect, label] of new Map(cannons.map((c) => [c.expect, c.label]))) out.push(`  ${LETTER[expect] ?? '?'} = ${label}`);
  const suspect = [...conformance.filter((r) => noisy(r.cpu)).map((r) => `conformance c=${r.concurrency}`), ...cannons.filter((c) => noisy(c.cpu)).map((c) => `${LETTER[c.expect]} c=${c.connections}`)];
  if (suspect.length > 0) out.push(`  ! WARNING: ${suspect.join(', ')} ran while other processes used >= ${pct(NOISY)} of the machine; those numbers are low and noisy, rerun on a quiet machine.`);
  out.push('  ± sd/s: standard deviation of the per-second samples; latencies are whole milliseconds as autocannon records them.');
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  out.push('');
  out.push(
    'HOW MEASURED: ' +
      `Node ${process.version}, ${availableParallelism()} cores (${cpu}), ${process.platform}/${process.arch}, loopback 127.0.0.1 only. ` +
      'The reference emulator runs alone in a child process (bench/serveEmulator.ts), started once and measured by every row, so no load generator shares its event loop; ' +
      'the conformance engine and autocannon both run in the bench process, one after the other. ' +
      `Conformance rows run every suite in turn (seed ${SEED}, ${RUNS} runs per family, the given concurrency); cases/s is checked cases / wall time, ` +
      'which covers generating the cases (fast-check), sending them, deleting every created session, and applying every check (nothing failed, so nothing was shrunk). ' +
      "Requests are counted by the emulator itself through Node's http.server diagnostics channels, so the cleanup DELETEs are counted, not estimated, " +
      'and every requests/s, conformance or autocannon, is that server-side count over the same wall clock. ' +
      `The ceiling is autocannon ${autocannonVersion()} (pipelining 1, ${CANNON_SECONDS} s, ${CANNON_CONNECTIONS.join(' and ')} connections) repeating one request that creates nothing, ` +
      'so the finite proxy-number pool (2 numbers per session) is never used up: A is the representative ceiling (parse and schema-validate a full body, then reject it), ' +
      'B also passes validation and the unspecified-input policy and fails at the connector lookup. ' +
      '"vs ceiling A" is conformance requests/s over row A at the same number of connections; CPU is the share of one core each process used during the row (over 100%: the SDK\'s worker thread, GC and libuv threads), "engine thread" the share of the thread the engine\'s loop runs on, ' +
      "other load the share of the whole machine's CPU time busy with anything else or stolen by the hypervisor (a noise gauge: high means the row is suspect). " +
      `Everything is warmed up first (${WARMUP_RUNS} runs per family, ${WARMUP_CANNON_SECONDS} s of each request), unreported. The whole bench took ${secs(performance.now() - startedAt)} s.`,
  );
  out.push('');
  out.push(suspect.length > 0 ? 'MARKDOWN (for docs/performance.md; but see the WARNING above: do not paste numbers measured on a busy machine):' : 'MARKDOWN (for docs/performance.md):');
  out.push('');
  const widths = [...new Set([...conformance.map((r) => r.concurrency), ...cannons.map((c) => c.connections)])].sort((a, b) => a - b);
  const cell = (value: number | undefined) => (value === undefined ? '—' : int(value));
  const cannonAt = (expect: number, n: number) => cannons.find((c) => c.expect === expect && c.connections === n);
  const confAt = (n: number) => conformance.find((r) => r.concurrency === n);
  out.push(`| Reference emulator, loopback, Node ${process.version}, ${availableParallelism()} cores | ${widths.map((w) => `${w} in flight`).join(' | ')} |`);
  out.push(`|---|${widths.map(() => '---:').join('|')}|`);
  out.push(`| Conformance run, every suite: checked cases/s | ${widths.map((w) => cell(confAt(w) && perSec(confAt(w)!.cases, confAt(w)!.wallMs))).join(' | ')} |`);
  out.push(`| Conformance run: requests/s (cleanup DELETEs included) | ${widths.map((w) => cell(confAt(w) && perSec(confAt(w)!.served, confAt(w)!.wallMs))).join(' | ')} |`);
  out.push(`| autocannon ceiling: 400, Name breaks its pattern, requests/s | ${widths.map((w) => cell(cannonAt(400, w) && rps(cannonAt(400, w)!))).join(' | ')} |`);
  out.push(`| autocannon: 404, unknown voice connector, requests/s | ${widths.map((w) => cell(cannonAt(404, w) && rps(cannonAt(404, w)!))).join(' | ')} |`);
  out.push(
    `| Conformance requests/s as a share of the 400 ceiling | ${widths.map((w) => (confAt(w) && cannonAt(400, w) ? pct(perSec(confAt(w)!.served, confAt(w)!.wallMs) / rps(cannonAt(400, w)!)) : '—')).join(' | ')} |`,
  );
  out.push('');
  out.push(`Seed ${SEED}, ${RUNS} cases per family (${int(conformance[0]?.cases ?? 0)} per run); autocannon ${CANNON_SECONDS} s per row, pipelining 1; the emulator runs in its own process. Measured with \`npm run bench\`.`);
  return out.join('\n');
}

function autocannonVersion(): string {
  try {
    return (createRequire(import.meta.url)('autocannon/package.json') as { version: string }).version;
  } catch {
    return '(version unknown)';
  }
}

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const startedAt = performance.now();
  budgetEnd = Date.now() + BUDGET_MS;
  const model = defaultOperation();
  const families = suiteGroups.reduce((n, g) => n + g.families(model, { voiceConnectorId: 'x' }).length, 0);
  process.stderr.write(`bench: starting the emulator child process...\n`);
  const emulator = await EmulatorChild.start();
  const watchdog = setTimeout(() => {
    process.stderr.write(`bench: FAILED: the bench did not finish within ${BUDGET_MS / 1000} s (is the machine busy?)\n`);
    emulator.child.kill('SIGKILL');
    process.exit(1);
  }, BUDGET_MS - (performance.now() - startedAt));
  try {
    const kinds = probes(model, emulator.url, emulator.voiceConnectorId);
    for (const p of kinds) await verifyProbe(p);

    process.stderr.write(`bench: warming up...\n`);
    await runConformance(model, emulator, CONCURRENCIES[0], WARMUP_RUNS);
    for (const p of kinds) await cannon(p, CANNON_CONNECTIONS[CANNON_CONNECTIONS.length - 1]!, WARMUP_CANNON_SECONDS);

    const conformance: ConformanceRow[] = [];
    for (const c of CONCURRENCIES) {
      process.stderr.write(`bench: conformance, concurrency ${c}...\n`);
      conformance.push(await runConformance(model, emulator, c, RUNS));
    }
    const cannons: CannonRow[] = [];
    for (const p of kinds) {
      for (const c of CANNON_CONNECTIONS) {
        process.stderr.write(`bench: autocannon ${p.short}, ${c} connections...\n`);
        cannons.push(await runCannon(emulator, p, c));
      }
    }
    const text = `${report(conformance, cannons, families, startedAt)}\n`;
    await new Promise<void>((resolve) => process.stdout.write(text, () => resolve()));
  } finally {
    clearTimeout(watchdog);
    await emulator.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const message = error instanceof BenchError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`bench: FAILED: ${message}\n`);
    process.exit(1);
  },
);
