import { randomInt, randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { renameSync, writeFileSync } from 'node:fs';
import { startEmulator, type RunningEmulator } from '../emulator/index.ts';
import { finish, renderConsole, writeReports, type RunHeader } from '../reports/index.ts';
import type { RunReport } from '../checks/index.ts';
import { ConformanceToolError, EndpointUnreachableError, SpecLoadError, UsageError } from '../src/errors.ts';
import { isTransportFailure, sendRequest } from '../src/protocol/index.ts';
import { checksFor } from '../checks/index.ts';
import { compileOperation, defaultSpecPath, loadSpec } from '../src/spec/index.ts';
import { createRunContext } from '../engine/runContext.ts';
import { runSuites } from '../engine/runSuites.ts';
import type { RunOptions, SuiteResult } from '../engine/types.ts';
import { assertCredentials } from './assertCredentials.ts';
import { completeReport } from './completeReport.ts';
import { replayCommandFor } from './replayCommandFor.ts';
import { githubOutput } from './githubOutput.ts';
import { preflight } from './preflight.ts';
import { provisionConnector, type ProvisionedConnector } from './provisionConnector.ts';
import { resolveEndpoint } from './resolveEndpoint.ts';
import { showProgress } from './showProgress.ts';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS, type CliOptions } from './parseCliArgs.ts';
import { selectSuites } from './selectSuites.ts';
import { shellWord } from './shellWords.ts';
import { sweepSessions } from './sweepSessions.ts';
import { confirmDeleted } from './confirmDeleted.ts';
import { outstandingConnectors, outstandingSessions } from '../engine/sessionJournal.ts';
import { sweepConnectors } from './sweepConnectors.ts';
import type { OperationModel } from '../src/spec/index.ts';
import { watchSignals } from './watchSignals.ts';
import { version } from './version.ts';
import { isLoopback } from './isLoopback.ts';

/** Where output goes; tests pass their own. */
export interface Io {
  out: (text: string) => void;
  color: boolean;
  /** Print the console report (default true); `replay` prints its own summary of the one case instead. */
  console?: boolean;
}

/**
 * One conformance run: compile the spec, start the embedded emulator when no endpoint is given, check
 * the endpoint answers at all, run the suites against it in this process, then write and print the reports.
 * Returns the exit code (0 pass, 1 a required check failed, 2 the run could not complete).
 * Tool errors (bad spec, unreachable endpoint) are thrown for the caller to print.
 */
export async function executeRun(cli: CliOptions, io: Io): Promise<{ exitCode: number; report: RunReport }> {
  const model = compileOperation(loadSpec(cli.specFile));
  // A spec invariant without a check is a broken spec: say so now, not from inside a suite.
  try {
    checksFor(model, { strict: cli.strict });
  } catch (error) {
    throw new SpecLoadError(cli.specFile ?? defaultSpecPath, '/invariants', (error as Error).message);
  }
  const suites = selectSuites(model, cli.suites, cli.family, cli.checks);
  await prepareReportDir(cli.reportDir);

  const signals = watchSignals();
  let emulator: RunningEmulator | undefined;
  // --verify-signatures: the embedded emulator checks SigV4 against throwaway credentials of this run. So
  // does it when the auth suite runs, which needs an endpoint that checks signatures: the embedded one is
  // this run's own, and without it every auth case would be accepted and "fail" the emulator.
  const resolved = resolveEndpoint(model, cli, process.env);
  if (resolved.endpoint !== undefined) assertUrl(resolved.endpoint, resolved.source);
  const testCredentials = (cli.verifySignatures || suites.includes('auth')) && !resolved.endpoint ? { accessKeyId: 'AKIDCONFORMANCEEMBEDDED', secretAccessKey: randomUUID() } : undefined;
  if (!resolved.endpoint) {
    emulator = await startEmulator({
      model,
      // --provision: an emulator with no connector at all; the run makes its own.
      ...(cli.provision ? { voiceConnectorIds: [] } : {}),
      ...(testCredentials ? { signatures: { credentials: [testCredentials] } } : {}),
      // The lifecycle suite moves the embedded emulator's clock to judge expiry (src/protocol/clockControl.ts).
      clockControl: true,
    });
  }
  let provisioned: ProvisionedConnector | undefined;
  try {
    const endpoint = resolved.endpoint ?? emulator!.url;
    // With --provision the connector is made after the preflight's reachability check (below).
    let voiceConnectorId = cli.voiceConnectorId ?? emulator?.voiceConnectorId ?? '';
    const seed = cli.seed ?? randomInt(-(2 ** 31), 2 ** 31 - 1);
    const options: RunOptions = {
      endpoint,
      voiceConnectorId,
      target: emulator ? 'embedded' : 'external',
      // Connectors of the run's own: the embedded emulator is the run's, and --provision lets it make them.
      mayChangeConnectors: emulator !== undefined || cli.provision,
      // Any endpoint but an embedded emulator that checks nothing gets SigV4.
      auth: emulator && !testCredentials ? 'none' : 'sigv4',
      ...(testCredentials ? { testCredentials } : {}),
      region: cli.region ?? process.env.AWS_REGION ?? 'us-east-1',
      ...(cli.profile ? { profile: cli.profile } : {}),
      seed,
      ...limitsFor(cli, endpoint),
      suiteOrder: suites,
      journalFile: journalFile(cli.reportDir),
      runs: cli.runs,
      timeoutMs: cli.timeoutMs,
      concurrency: cli.concurrency,
      maxBodyBytes: cli.maxBodyBytes,
      strict: cli.strict,
      sdk: cli.sdk,
      ...(cli.specFile ? { specFile: cli.specFile } : {}),
      ...(cli.family ? { family: cli.family } : {}),
      ...(cli.path ? { path: cli.path } : {}),
      ...(cli.caseDigest ? { caseDigest: cli.caseDigest } : {}),
      ...(cli.shard ? { shard: cli.shard } : {}),
      deadline: Date.now() + cli.deadlineSeconds * 1000,
      replayBase: replayBase(cli, emulator ? undefined : { endpoint, voiceConnectorId }),
    };
    const header: RunHeader = {
      tool: { name: 'conformance', version },
      operation: model.name,
      endpoint,
      target: options.target,
      voiceConnectorId,
      seed,
      runs: cli.runs,
      ...(cli.shard ? { shard: cli.shard } : {}),
      startedAt: new Date().toISOString(),
    };
    await settleEarlierJournal(model, options, io);
    writeFileSync(options.journalFile!, '');
    // Preflight: no answer, no credentials, or a refused plain create would fail every case alike. Each
    // ends the run with one message (exit 2) and a report that says the same.
    try {
      await assertReachable(endpoint, cli.timeoutMs);
      await assertCredentials(options);
      if (cli.provision) {
        provisioned = await provisionConnector(model, options);
        voiceConnectorId = options.voiceConnectorId = header.voiceConnectorId = provisioned.voiceConnectorId;
        options.replayBase = replayBase(cli, emulator ? undefined : { endpoint, voiceConnectorId });
        io.out(`Provisioned voice connector ${voiceConnectorId} with a proxy configuration; it is removed after the run.\n`);
      }
      const probe = await preflight(model, options);
      // The probe's session counts against --max-sessions like any other.
      if (options.maxSessions !== undefined) {
        options.maxSessions = Math.max(0, options.maxSessions - probe.sessionsCreated);
        options.preflightSessions = probe.sessionsCreated;
      }
    } catch (error) {
      if (error instanceof ConformanceToolError) {
        const report = finish(header, [], [], [error.message], 0);
        await writeReports(report, cli.reportDir, model).catch(() => undefined);
        githubOutput(report, io.out);
      }
      throw error;
    }
    // A signal during preflight skips the suites; one during the suites stops them.
    const collected = signals.received ? finish(header, [], [], [], 0) : await runSuitesInProcess(model, header, options, suites, signals.next);
    const interrupted = signals.received;
    // Whatever the run left open (an interrupted case, a suite that crashed) is deleted now.
    const swept = await sweepSessions(model, options.journalFile!, { ...options, endpoint });
    if (swept.deleted > 0) io.out(`Cleanup: deleted ${swept.deleted} session(s) the run had left open.\n`);
    if (swept.failed.length > 0) io.out(`Cleanup: ${swept.failed.length} session(s) could not be deleted (${swept.failed[0]!.reason}); run \`npx conformance sweep --report-dir ${shellWord(cli.reportDir)}\` later.\n`);
    // A delete that answered success is taken for one during the run; one List per connector confirms it.
    const confirmed = await confirmDeleted(model, options.journalFile!, { ...options, endpoint });
    if (confirmed.redeleted > 0) io.out(`Cleanup: ${confirmed.redeleted} session(s) were still listed open after their delete had answered success; deleted them again.\n`);
    if (confirmed.stillListed.length > 0) io.out(`Cleanup: ${confirmed.stillListed.length} session(s) are still listed open after being deleted again (${confirmed.stillListed.slice(0, 3).join(', ')}${confirmed.stillListed.length > 3 ? ', ...' : ''}); delete them by hand.\n`);
    await removeProvisioned(provisioned, io);
    provisioned = undefined;
    // Connectors the cases made and could not remove (an interrupted case, a refused delete).
    const connectors = await sweepConnectors(model, options.journalFile!, { ...options, endpoint });
    if (connectors.removed > 0) io.out(`Cleanup: removed ${connectors.removed} voice connector(s) the run's cases had left.\n`);
    for (const { entry, reason } of connectors.failed) io.out(`Cleanup: could not remove voice connector ${entry.voiceConnectorId} (${reason}); run \`npx conformance sweep --report-dir ${shellWord(cli.reportDir)}\` later.\n`);
    const report = interrupted
      ? finish(header, collected.suites, collected.checks, [...collected.errors, `interrupted by ${interrupted}: the run stopped early`], collected.durationMs)
      : completeReport(header, collected, cli, suites);
    // Printed before the files are written: if writing fails, the results of the run are still shown.
    if (io.console !== false) io.out(renderConsole(report, { color: io.color, verbose: cli.verbose, replayCommand: replayCommandFor(cli.reportDir) }));
    const paths = await writeReports(report, cli.reportDir, model).catch((error: Error) => {
      throw new ConformanceToolError('CONFORMANCE_REPORT_WRITE', `could not write the reports to ${resolve(cli.reportDir)}: ${error.message}`);
    });
    io.out(`Reports: ${paths.html}, ${paths.junit}, ${paths.json}\n`);
    if (cli.shard) io.out(`Shard ${cli.shard.index} of ${cli.shard.count} (seed ${seed}): this report holds only its share of the cases; join every shard's report with \`npx conformance merge-reports OUT_DIR SHARD_DIR...\`.\n`);
    githubOutput(report, io.out);
    return { exitCode: report.verdict === 'pass' ? 0 : report.verdict === 'fail' ? 1 : 2, report };
  } finally {
    // A run that ended early (preflight refused, a report that could not be written) removes it too.
    await removeProvisioned(provisioned, io).catch(() => undefined);
    await emulator?.close();
    signals.dispose();
  }
}

/** --provision: deletes the connector the run made, and says so (or what is left and why). */
async function removeProvisioned(provisioned: ProvisionedConnector | undefined, io: Io): Promise<void> {
  if (!provisioned) return;
  const left = await provisioned.remove();
  if (left.length === 0) io.out(`Provisioning: removed voice connector ${provisioned.voiceConnectorId} and its proxy configuration.\n`);
  else io.out(`Provisioning: could not remove everything: ${left.join('; ')}. Delete voice connector ${provisioned.voiceConnectorId} by hand.\n`);
}

/**
 * Runs the suites in this process (engine/runSuites.ts) with the run's context, drawing the progress line
 * as cases are judged and keeping each suite's result as soon as it is judged: a signal stops new cases
 * (the suite in flight still judges what it ran), and a run that overshoots its deadline (a hung request
 * beyond every timeout) ends with what was judged and an error.
 */
async function runSuitesInProcess(model: OperationModel, header: RunHeader, options: RunOptions, suites: string[], signal: Promise<string>): Promise<RunReport> {
  const started = performance.now();
  const stop = new AbortController();
  void signal.then(() => stop.abort());
  const line = showProgress();
  const context = createRunContext(model, options, { progress: line.update, signal: stop.signal });
  const results: SuiteResult[] = [];
  const errors: string[] = [];
  const budget = options.deadline - Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const overshoot = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), budget + options.timeoutMs * 2 + 10_000);
    });
    const outcome = await Promise.race([runSuites(context, suites, (result) => results.push(result)).then(() => 'done' as const), overshoot]);
    if (outcome === 'deadline') {
      stop.abort();
      errors.push(`the run did not finish within its deadline (--deadline ${Math.round(budget / 1000)} s)`);
    }
  } finally {
    clearTimeout(timer);
    line.stop();
    await context.close();
  }
  for (const r of results) if (r.suite.error !== undefined) errors.push(`${r.suite.suite}: ${r.suite.error}`);
  return finish(header, results.map((r) => r.suite), results.flatMap((r) => r.checks), errors, performance.now() - started);
}

/**
 * The flags a replay line must repeat to meet the same failure: the target, the spec, --strict, and the
 * limits that decide transport failures (a timeout at --timeout 500 is no failure at the default 10 s).
 */
function assertUrl(endpoint: string, source: string): void {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UsageError(`${source} "${endpoint}" is not a URL (expected e.g. http://127.0.0.1:4566)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${source} must be http:// or https://, not ${url.protocol}`);
}

/** Where the run records the sessions it creates and deletes (sessionJournal.ts). */
export function journalFile(reportDir: string): string {
  return join(resolve(reportDir), 'sessions.jsonl');
}

/** Non-loopback endpoints may be a real account: a small session budget unless the user sets one. */
const LIVE_ACCOUNT_SESSION_BUDGET = 50;

function limitsFor(cli: CliOptions, endpoint: string): Pick<RunOptions, 'maxSessions' | 'maxRequests' | 'rate'> {
  const maxSessions = cli.maxSessions ?? (isLoopback(endpoint) ? undefined : LIVE_ACCOUNT_SESSION_BUDGET);
  return {
    ...(maxSessions !== undefined ? { maxSessions } : {}),
    ...(cli.maxRequests !== undefined ? { maxRequests: cli.maxRequests } : {}),
    ...(cli.rate !== undefined ? { rate: cli.rate } : {}),
  };
}


function replayBase(cli: CliOptions, target: { endpoint: string; voiceConnectorId: string } | undefined): string {
  return [
    'npx conformance',
    // A provisioned connector is gone after the run: a replay provisions a new one.
    ...(target ? ['--endpoint', shellWord(target.endpoint), ...(cli.provision ? ['--provision'] : ['--voice-connector-id', shellWord(target.voiceConnectorId)])] : cli.provision ? ['--provision'] : []),
    ...(cli.specFile ? ['--spec', shellWord(cli.specFile)] : []),
    ...(cli.strict ? ['--strict'] : []),
    ...(cli.verifySignatures ? ['--verify-signatures'] : []),
    ...(cli.sdk ? [] : ['--no-sdk']),
    ...(cli.timeoutMs !== DEFAULT_TIMEOUT_MS ? ['--timeout', String(cli.timeoutMs)] : []),
    ...(cli.maxBodyBytes !== DEFAULT_MAX_BODY_BYTES ? ['--max-body-bytes', String(cli.maxBodyBytes)] : []),
  ].join(' ');
}

/**
 * The report directory may hold the session record of an earlier run that was killed: its sessions are
 * deleted first. If some cannot be (their endpoint is not reachable now), the record is kept under another
 * name for `conformance sweep`, never overwritten.
 */
async function settleEarlierJournal(model: OperationModel, options: RunOptions, io: Io): Promise<void> {
  const file = options.journalFile!;
  if (outstandingSessions(file).length === 0 && outstandingConnectors(file).length === 0) return;
  const swept = await sweepSessions(model, file, options);
  if (swept.deleted > 0) io.out(`Cleanup: deleted ${swept.deleted} session(s) an earlier run left open.\n`);
  // Connectors an earlier run made (--provision, or its cases) and never removed; against its own endpoint only (an
  // embedded emulator of that run is gone, and so are its connectors).
  const connectors = await sweepConnectors(model, file, { ...options, endpoint: options.endpoint });
  if (connectors.removed > 0) io.out(`Cleanup: removed ${connectors.removed} voice connector(s) an earlier run left.\n`);
  const kept = swept.failed.filter((f) => !isLoopback(f.entry.endpoint));
  const keptConnectors = outstandingConnectors(file).filter((c) => !isLoopback(c.endpoint));
  if (kept.length > 0 || keptConnectors.length > 0) {
    const aside = file.replace(/\.jsonl$/, `.${Date.now()}.jsonl`);
    renameSync(file, aside);
    io.out(`Cleanup: ${kept.length} session(s) and ${keptConnectors.length} voice connector(s) of an earlier run could not be removed now; their record is kept in ${aside} (npx conformance sweep reads it).\n`);
  }
}

/** Creates --report-dir before the run, so a path that cannot hold reports fails in a second, not after the whole run. */
async function prepareReportDir(dir: string): Promise<void> {
  try {
    await mkdir(resolve(dir), { recursive: true });
  } catch (error) {
    throw new UsageError(`--report-dir ${resolve(dir)} cannot be created: ${(error as Error).message}`);
  }
}

/** Any HTTP answer means the endpoint is there; no answer at all is a configuration problem (exit 2). */
async function assertReachable(endpoint: string, timeoutMs: number): Promise<void> {
  // "Is anything there" gets at least 10 s whatever --timeout says: a short --timeout is about how long
  // an operation may take, and a busy machine must not turn a slow first connection into "unreachable".
  const result = await sendRequest({ method: 'GET', url: endpoint, headers: { accept: 'application/json' } }, { timeoutMs: Math.max(timeoutMs, 10_000), maxBodyBytes: 1024 * 1024 });
  if (isTransportFailure(result) && result.kind !== 'too-large') throw new EndpointUnreachableError(endpoint, result.message);
}
