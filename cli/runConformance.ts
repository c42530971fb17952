import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createVitest } from 'vitest/node';
import { startEmulator, type RunningEmulator } from '../emulator/index.ts';
import { finish, renderConsole, RunReportCollector, writeReports, type RunHeader } from '../reports/index.ts';
import type { RunReport } from '../src/checks/index.ts';
import { EndpointUnreachableError, UsageError } from '../src/errors.ts';
import { isTransportFailure, sendRequest } from '../src/protocol/index.ts';
import { compileOperation, loadSpec } from '../src/spec/index.ts';
import { suiteGroups } from '../suites/_groups.ts';
import type { RunOptions } from '../suites/_engine/types.ts';
import type { CliOptions } from './parseCliArgs.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
export const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Where output goes; tests pass their own. */
export interface Io {
  out: (text: string) => void;
  color: boolean;
}

/**
 * One conformance run: compile the spec, start the embedded emulator when no endpoint is given, check
 * the endpoint answers at all, run the vitest suites against it, then write and print the reports.
 * Returns the exit code (0 pass, 1 a required check failed, 2 the run could not complete).
 * Tool errors (bad spec, unreachable endpoint) are thrown for the caller to print.
 */
export async function runConformance(cli: CliOptions, io: Io): Promise<{ exitCode: number; report: RunReport }> {
  const model = compileOperation(loadSpec(cli.specFile));
  const suites = cli.suites ?? suiteGroups.map((g) => g.id);
  for (const s of suites) if (!suiteGroups.some((g) => g.id === s)) throw new UsageError(`--suite "${s}" is not a suite; the suites are ${suiteGroups.map((g) => g.id).join(', ')}`);

  let emulator: RunningEmulator | undefined;
  if (!cli.endpoint) emulator = await startEmulator({ model });
  try {
    const endpoint = cli.endpoint ?? emulator!.url;
    const voiceConnectorId = cli.voiceConnectorId ?? emulator!.voiceConnectorId;
    await assertReachable(endpoint, cli.timeoutMs);
    const seed = cli.seed ?? randomInt(-(2 ** 31), 2 ** 31 - 1);
    const options: RunOptions = {
      endpoint,
      voiceConnectorId,
      target: emulator ? 'embedded' : 'external',
      seed,
      runs: cli.runs,
      timeoutMs: cli.timeoutMs,
      concurrency: cli.concurrency,
      maxBodyBytes: cli.maxBodyBytes,
      strict: cli.strict,
      ...(cli.specFile ? { specFile: cli.specFile } : {}),
      ...(cli.family ? { family: cli.family } : {}),
      ...(cli.path ? { path: cli.path } : {}),
      deadline: Date.now() + cli.deadlineSeconds * 1000,
      replayBase: ['npx conformance', ...(emulator ? [] : ['--endpoint', endpoint, '--voice-connector-id', voiceConnectorId]), ...(cli.specFile ? ['--spec', cli.specFile] : []), ...(cli.strict ? ['--strict'] : [])].join(' '),
    };
    const header: RunHeader = {
      tool: { name: 'conformance', version },
      operation: model.name,
      endpoint,
      target: options.target,
      voiceConnectorId,
      seed,
      runs: cli.runs,
      startedAt: new Date().toISOString(),
    };
    const report = await runSuites(header, options, suites);
    const paths = await writeReports(report, cli.reportDir);
    io.out(renderConsole(report, { color: io.color, verbose: cli.verbose }));
    io.out(`Reports: ${paths.junit}, ${paths.json}\n`);
    return { exitCode: report.verdict === 'pass' ? 0 : report.verdict === 'fail' ? 1 : 2, report };
  } finally {
    await emulator?.close();
  }
}

async function runSuites(header: RunHeader, options: RunOptions, suites: string[]): Promise<RunReport> {
  const collector = new RunReportCollector(header);
  const started = performance.now();
  const budget = options.deadline - Date.now();
  let timer: NodeJS.Timeout | undefined;
  const vitest = await createVitest(
    'test',
    {
      root,
      config: false,
      watch: false,
      reporters: [collector],
      provide: { conformance: options },
      include: ['suites/*.suite.ts'],
      // One worker, files one after another: --concurrency is then the real number of requests in flight.
      fileParallelism: false,
      isolate: false,
      testTimeout: budget + options.timeoutMs * 2,
      hookTimeout: budget + options.timeoutMs * 2,
    },
  );
  try {
    // A run that overshoots its deadline (a hung worker) is cut short and reported as an error.
    const overshoot = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), budget + options.timeoutMs * 2 + 10_000);
    });
    const outcome = await Promise.race([vitest.start(suites.map((s) => `suites/${s}.suite.ts`)).then(() => 'done' as const), overshoot]);
    if (outcome === 'deadline') {
      return finish(header, [], [], [`the run did not finish within its deadline (--deadline ${Math.round(budget / 1000)} s)`], performance.now() - started);
    }
  } finally {
    clearTimeout(timer);
    await vitest.close();
  }
  return collector.report ?? finish(header, [], [], ['the suites did not report any result'], performance.now() - started);
}

/** Any HTTP answer means the endpoint is there; no answer at all is a configuration problem (exit 2). */
async function assertReachable(endpoint: string, timeoutMs: number): Promise<void> {
  const result = await sendRequest({ method: 'GET', url: endpoint, headers: { accept: 'application/json' } }, { timeoutMs: Math.min(timeoutMs, 10_000), maxBodyBytes: 1024 * 1024 });
  if (isTransportFailure(result) && result.kind !== 'too-large') throw new EndpointUnreachableError(endpoint, result.message);
}
