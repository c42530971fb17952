import { randomInt, randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { closeSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { startEmulator, type RunningEmulator } from '../emulator/index.ts';
import { finish, makeDirectory, openHarFile, renderConsole, writeReports, type HarFile, type RunHeader } from '../reports/index.ts';
import type { RunReport } from '../checks/index.ts';
import { ConformanceToolError, echoed, echoedPath, SpecLoadError, UsageError } from '../src/errors.ts';
import { checksFor } from '../checks/index.ts';
import { compileOperation, defaultSpecPath, loadSpec } from '../src/spec/index.ts';
import { createRunContext } from '../engine/runContext.ts';
import { runSuites } from '../engine/runSuites.ts';
import { createTrafficCapture, type TrafficCapture } from '../engine/captureTraffic.ts';
import type { CorpusOutcome, RunOptions, SuiteResult } from '../engine/types.ts';
import { PASSES_TO_LEAVE, readCorpus, updateCorpus, writeCorpus, type SavedCase } from './failureCorpus.ts';
import { assertCredentials, localCredentialsNotice } from './assertCredentials.ts';
import { assertReachable } from './assertReachable.ts';
import { completeReport } from './completeReport.ts';
import { replayCommandFor } from './replayCommandFor.ts';
import { githubOutput } from './githubOutput.ts';
import { preflight } from './preflight.ts';
import { provisionConnector, type ProvisionedConnector } from './provisionConnector.ts';
import { resolveEndpoint } from './resolveEndpoint.ts';
import { showProgress } from './showProgress.ts';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS, type CliOptions } from './parseCliArgs.ts';
import { selectChecks } from './selectChecks.ts';
import { familySelection, selectSuites } from './selectSuites.ts';
import { shellWord } from './shellWords.ts';
import { sweepSessions } from './sweepSessions.ts';
import { confirmDeleted } from './confirmDeleted.ts';
import { outstandingConnectors, outstandingSessions } from '../engine/sessionJournal.ts';
import { sweepConnectors } from './sweepConnectors.ts';
import type { OperationModel } from '../src/spec/index.ts';
import { watchSignals, type SignalWatch } from './watchSignals.ts';
import { recoverLostCreates } from './recoverLostCreates.ts';
import { judgeAgainstBaseline, readBaseline } from './baseline.ts';
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
 * the endpoint accepts a connection, run the suites against it in this process, then write and print the reports.
 * Returns the exit code (0 pass, 1 a required check failed, 2 the run could not complete).
 * Tool errors (bad spec, unreachable endpoint) are thrown for the caller to print.
 */
export async function executeRun(cli: CliOptions, io: Io): Promise<{ exitCode: number; report: RunReport }> {
  const model = compileOperation(loadSpec(cli.specFile, cli.specFile ? { flag: '--spec' } : {}));
  // A spec invariant without a check is a broken spec: say so now, not from inside a suite.
  try {
    checksFor(model, { strict: cli.strict });
  } catch (error) {
    throw new SpecLoadError(cli.specFile ?? defaultSpecPath, '/invariants', (error as Error).message, cli.specFile ? { flag: '--spec' } : {});
  }
  const suites = selectSuites(model, cli.suites, cli.family, cli.checks);
  // Read before anything is sent: a baseline that cannot be read is a usage error, not a late surprise.
  const baseline = cli.baseline !== undefined ? readBaseline(cli.baseline, { mayBeMissing: cli.updateBaseline }) : undefined;
  // The failure corpus is replayed first; a replay of one case or a shard neither replays nor saves it.
  const corpusDir = cli.path === undefined && cli.shard === undefined ? cli.corpusDir : undefined;
  const corpus = corpusDir !== undefined ? readCorpus(corpusDir) : undefined;
  if (corpus?.problem) io.out(`Corpus: ${corpus.problem}\n`);
  const checkSelection = selectChecks(model, cli.excludeChecks, cli.includeChecks);
  await prepareReportDir(cli.reportDir);

  const signals = watchSignals({ graceMs: INTERRUPT_GRACE_MS, sweepCommand: `npx conformance sweep --report-dir ${shellWord(cli.reportDir)}` });
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
  // A run that ends early (a refused preflight, reports that could not be written) still ends its recording.
  let recording: Recording | undefined;
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
      reruns: cli.reruns,
      ...(corpus && corpus.cases.length > 0 ? { corpus: corpus.cases } : {}),
      sdk: cli.sdk,
      ...(cli.specFile ? { specFile: cli.specFile } : {}),
      ...(cli.family ? { family: cli.family } : {}),
      ...(cli.path ? { path: cli.path } : {}),
      ...(cli.caseDigest ? { caseDigest: cli.caseDigest } : {}),
      ...(cli.shard ? { shard: cli.shard } : {}),
      deadline: Date.now() + cli.deadlineSeconds * 1000,
      // Counted like the deadline, from the start of the run (the preflight included).
      ...(cli.timeBudgetSeconds !== undefined ? { timeBudget: { seconds: cli.timeBudgetSeconds, endsAt: Date.now() + cli.timeBudgetSeconds * 1000 } } : {}),
      ...(cli.maxFailures !== undefined ? { maxFailures: cli.maxFailures } : {}),
      ...(checkSelection ? { checkSelection } : {}),
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
      ...(cli.family !== undefined ? { familySelection: familySelection(model, cli.suites, cli.family, cli.checks) } : {}),
      startedAt: new Date().toISOString(),
    };
    // --record: every exchange from here on, cleanup of an earlier run's sessions included.
    if (cli.record !== undefined) recording = await openRecording(cli.record, cli.recordFailures, header);
    if (recording) options.traffic = recording.capture;
    const during = <T>(phase: 'preflight' | 'provision' | 'cleanup', work: () => Promise<T>) => (options.traffic ? options.traffic.within({ phase }, work) : work());
    await during('cleanup', () => settleEarlierJournal(model, options, io));
    try {
      writeFileSync(options.journalFile!, '');
    } catch (error) {
      throw new UsageError(`--report-dir ${echoedPath(resolve(cli.reportDir))}: the session record ${options.journalFile} cannot be written: ${(error as Error).message.split('\n')[0]}`);
    }
    // Preflight: no connection, no credentials, or a plain create refused with an HTTP error would fail
    // every case alike. Each ends the run with one message (exit 2) and a report that says the same. What
    // the endpoint does with a request it accepted the connection for (hang, reset, garbage) is for the
    // suites to judge.
    try {
      await assertReachable(endpoint, cli.timeoutMs);
      const local = await assertCredentials(options, endpoint);
      if (local) {
        options.testCredentials = local;
        io.out(localCredentialsNotice(endpoint));
      }
      if (cli.provision) {
        provisioned = await during('provision', () => provisionConnector(model, options));
        voiceConnectorId = options.voiceConnectorId = header.voiceConnectorId = provisioned.voiceConnectorId;
        options.replayBase = replayBase(cli, emulator ? undefined : { endpoint, voiceConnectorId });
        io.out(`Provisioned voice connector ${voiceConnectorId} with a proxy configuration; it is removed after the run.\n`);
      }
      const probe = await during('preflight', () => preflight(model, options, { signal: signals.stop, cleanupSignal: signals.cleanupStop }));
      if (probe.noAnswer !== undefined && signals.received === undefined) io.out(`Preflight: a plain, valid ${model.name} got no answer (${probe.noAnswer}); the suites judge that (the transport check).\n`);
      // The probe's session counts against --max-sessions like any other.
      if (options.maxSessions !== undefined) {
        options.maxSessions = Math.max(0, options.maxSessions - probe.sessionsCreated);
        options.preflightSessions = probe.sessionsCreated;
      }
    } catch (error) {
      // Interrupted during the preflight: not a refusal; the run ends as interrupted, after its cleanup.
      if (signals.received === undefined && error instanceof ConformanceToolError) {
        // A refused probe may still have made a session (its answer a 5xx).
        const left = await during('cleanup', () => cleanUp(model, { ...options, endpoint }, signals, cli.reportDir, io)).catch(() => []);
        const report = finish(header, [], [], [error.message, ...left], 0);
        // The run ends with this error whether or not its report can be written; if not, say where not.
        await writeReports(report, cli.reportDir, model).catch((failure: Error) => io.out(`Reports: could not be written to ${echoedPath(resolve(cli.reportDir))} (--report-dir): ${failure.message}\n`));
        githubOutput(report, io.out);
      }
      if (signals.received === undefined) throw error;
    }
    // A signal during preflight skips the suites; one during the suites stops them.
    const { report: collected, corpus: replayed } = signals.received ? { report: finish(header, [], [], [], 0), corpus: [] } : await runSuitesInProcess(model, header, options, suites, signals);
    if (corpusDir !== undefined && corpus && !signals.received) await saveCorpus(corpusDir, corpus.cases, replayed, collected.checks, cli.runs, io);
    const interrupted = signals.received;
    const left = await during('cleanup', () => cleanUp(model, { ...options, endpoint }, signals, cli.reportDir, io));
    await during('cleanup', () => removeProvisioned(provisioned, io));
    provisioned = undefined;
    // Connectors the cases made and could not remove (an interrupted case, a refused delete): after their
    // sessions, and after the run's own --provision connector is gone.
    const connectors = await during('cleanup', () => sweepConnectors(model, options.journalFile!, { ...options, endpoint, cleanupSignal: signals.cleanupStop }));
    if (connectors.removed > 0) io.out(`Cleanup: removed ${connectors.removed} voice connector(s) the run's cases had left.\n`);
    for (const { entry, reason } of connectors.failed) io.out(`Cleanup: could not remove voice connector ${entry.voiceConnectorId} (${reason}); run \`npx conformance sweep --report-dir ${shellWord(cli.reportDir)}\` later.\n`);
    const leftErrors = [
      ...left,
      ...(connectors.failed.length > 0 ? [`${connectors.failed.length} voice connector(s) the run's cases made may still exist: ${connectors.failed.map((f) => `${f.entry.voiceConnectorId} (${f.reason})`).join('; ')}`] : []),
    ];
    const judged = interrupted
      ? finish({ ...header, ...(collected.stoppedEarly ? { stoppedEarly: collected.stoppedEarly } : {}) }, collected.suites, collected.checks, [...collected.errors, `interrupted by ${interrupted}: the run stopped early`, ...leftErrors], collected.durationMs)
      : completeReport(header, { ...collected, errors: [...collected.errors, ...leftErrors] }, cli, suites);
    // An interrupted run's failures are still measured against the baseline, but never written into it.
    const report = baseline && cli.baseline !== undefined ? judgeAgainstBaseline(judged, header, cli.baseline, baseline, cli.updateBaseline && !interrupted) : judged;
    // Printed before the files are written: if writing fails, the results of the run are still shown.
    if (io.console !== false) io.out(renderConsole(report, { color: io.color, verbose: cli.verbose, replayCommand: replayCommandFor(cli.reportDir) }));
    const paths = await writeReports(report, cli.reportDir, model).catch((error: Error) => {
      throw new ConformanceToolError('CONFORMANCE_REPORT_WRITE', `could not write the reports to ${echoedPath(resolve(cli.reportDir))} (--report-dir): ${error.message}${io.console !== false ? `; the run's results (verdict ${report.verdict}) are in the console report above` : ''}`);
    });
    io.out(`Reports: ${paths.html}, ${paths.junit}, ${paths.json}\n`);
    if (cli.shard) io.out(`Shard ${cli.shard.index} of ${cli.shard.count} (seed ${seed}): this report holds only its share of the cases; join every shard's report with \`npx conformance merge-reports OUT_DIR SHARD_DIR...\`.\n`);
    githubOutput(report, io.out);
    // Ended after the reports: a recording that could not be written still leaves the run's results.
    if (recording) {
      await recording.capture.close().catch((error: Error) => {
        throw new ConformanceToolError('CONFORMANCE_RECORD_WRITE', `could not write the recording (--record): ${error.message}; the run's results (verdict ${report.verdict}) are in the reports`);
      });
      io.out(`Recording: ${recording.path} (${recording.capture.kept} request${recording.capture.kept === 1 ? '' : 's'}${cli.recordFailures ? ' of cases that failed a check' : ''})\n`);
    }
    return { exitCode: report.verdict === 'pass' ? 0 : report.verdict === 'fail' ? 1 : 2, report };
  } finally {
    // A run that ended early (preflight refused, a report that could not be written) removes it too.
    await removeProvisioned(provisioned, io).catch(() => undefined);
    await recording?.capture.close().catch(() => undefined);
    await emulator?.close();
    signals.dispose();
  }
}

interface Recording {
  path: string;
  capture: TrafficCapture;
}

/**
 * --record FILE: a HAR file (reports/openHarFile.ts) fed by the run's traffic capture (engine/captureTraffic.ts).
 * A file that cannot be made ends the run before anything is sent.
 */
async function openRecording(file: string, failuresOnly: boolean, header: RunHeader): Promise<Recording> {
  const what = failuresOnly ? 'the requests of the cases that failed a check' : 'every request';
  const comment = `${what} of a conformance run of ${header.operation}, seed ${header.seed}, against ${header.endpoint}. Each entry's _conformance names its suite, family and replay path (--family, --path) and its case's check failures.`;
  let har: HarFile;
  try {
    har = await openHarFile(file, { creator: header.tool, comment: comment[0]!.toUpperCase() + comment.slice(1) });
  } catch (error) {
    throw new UsageError(`--record ${echoedPath(resolve(file))} cannot be written: ${(error as Error).message.split('\n')[0]}`);
  }
  return { path: har.path, capture: createTrafficCapture(har, { failuresOnly }) };
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
async function runSuitesInProcess(model: OperationModel, header: RunHeader, options: RunOptions, suites: string[], signals: SignalWatch): Promise<{ report: RunReport; corpus: CorpusOutcome[] }> {
  const started = performance.now();
  const stop = new AbortController();
  signals.stop.addEventListener('abort', () => stop.abort(), { once: true });
  const line = showProgress();
  const context = createRunContext(model, options, { progress: line.update, signal: stop.signal, cleanupSignal: signals.cleanupStop });
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
  // --max-failures, --time-budget: said once for the whole run, besides each suite's notice.
  const halted = context.limits.halted;
  const report = finish({ ...header, ...(halted ? { stoppedEarly: halted } : {}) }, results.map((r) => r.suite), results.flatMap((r) => r.checks), errors, performance.now() - started);
  return { report, corpus: results.flatMap((r) => r.corpus ?? []) };
}

/** The failure corpus after the run (cli/failureCorpus.ts), said in one line when it changed; never fatal. */
async function saveCorpus(dir: string, saved: SavedCase[], replayed: CorpusOutcome[], checks: RunReport['checks'], runs: number, io: Io): Promise<void> {
  const next = updateCorpus(saved, replayed, checks, runs);
  const replayedFailed = replayed.filter((r) => r.outcome === 'failed').length;
  if (replayed.length > 0) io.out(`Corpus: replayed ${replayed.length} saved failing case(s) first; ${replayedFailed} failed again.\n`);
  if (next.added === 0 && next.left === 0 && next.cases.length === saved.length && replayed.length === 0) return;
  try {
    await writeCorpus(dir, next.cases);
    if (next.added + next.left > 0) io.out(`Corpus: ${next.added} failing case(s) saved, ${next.left} left after passing ${PASSES_TO_LEAVE} runs in a row or no longer existing; ${next.cases.length} in ${dir}.\n`);
  } catch (error) {
    io.out(`Corpus: could not be written to ${dir}: ${(error as Error).message.split('\n')[0]}\n`);
  }
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
    throw new UsageError(`${source} "${echoed(endpoint)}" is not a URL (expected e.g. http://127.0.0.1:4566)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${source} must be http:// or https://, not ${echoed(url.protocol)}`);
}

/**
 * After an interrupt, how long the run may go on deleting what it created: with the abort of everything in
 * flight and the reports, a Ctrl-C ends the run within 5 s even against an endpoint that no longer answers.
 */
const INTERRUPT_GRACE_MS = 3_000;

/**
 * Deletes what the run left open, and says what is left and why (the return value: the report's errors,
 * one naming every session left with its reason, one per connector whose lost creates could not be looked for). In order: the sessions of creates whose answer was lost (found in the
 * connector's list), every session the journal says is open (retried with backoff until the cleanup grace
 * ends), then a List per connector to confirm the deletes that answered success. An interrupt's grace or a
 * second Ctrl-C cuts this short: what is left is named, for `sweep`.
 */
async function cleanUp(model: OperationModel, options: RunOptions, signals: SignalWatch, reportDir: string, io: Io): Promise<string[]> {
  const sweepCommand = `npx conformance sweep --report-dir ${shellWord(reportDir)}`;
  const file = options.journalFile!;
  const settings = { ...options, cleanupSignal: signals.cleanupStop };
  const recovered = await recoverLostCreates(model, file, settings);
  if (recovered.deleted.length > 0) io.out(`Cleanup: ${recovered.deleted.length} session(s) made by creates whose answer was lost were found in the connector's list and deleted.\n`);
  if (recovered.uncertain.length > 0) io.out(`Cleanup: ${recovered.uncertain.length} open session(s) have the numbers of a create whose answer was lost, more than the run lost; they may be someone else's and were left alone: ${recovered.uncertain.slice(0, 5).join(', ')}${recovered.uncertain.length > 5 ? ', ...' : ''}.\n`);
  // Whatever the run left open (an interrupted case, a suite that crashed, a delete that failed) is deleted now.
  const swept = await sweepSessions(model, file, settings);
  if (swept.deleted > 0) io.out(`Cleanup: deleted ${swept.deleted} session(s) the run had left open.\n`);
  // Lost creates whose connector could not be listed: their sessions, if any, are unseen (the journal keeps them for sweep).
  for (const u of recovered.unsearched) io.out(`Cleanup: ${u.creates} create(s) on ${u.connector} whose answer was lost may have made sessions that could not be looked for (${u.reason}); run \`${sweepCommand}\` later.\n`);
  const unseen = recovered.unsearched.map((u) => `the sessions of ${u.creates} create(s) on ${u.connector} whose answer was lost, if they made any, were not looked for (${u.reason}); \`${sweepCommand}\` looks again`);
  const left = [...swept.failed.map((f) => `${f.entry.labels.VoiceConnectorId}/${f.entry.labels.ProxySessionId} (${f.reason})`), ...recovered.uncertain.map((id) => `${id} (uncertain whose: not deleted)`)];
  if (swept.failed.length > 0) io.out(`Cleanup: ${swept.failed.length} session(s) could not be deleted (${swept.failed[0]!.reason}); run \`${sweepCommand}\` later.\n`);
  if (signals.cleanupStop.aborted) {
    io.out(`Cleanup: cut short; the deletes that answered success were not confirmed (\`${sweepCommand}\` does that).\n`);
    return [...stillOpen(left), ...unseen];
  }
  // A delete that answered success is taken for one during the run; one List per connector confirms it.
  const confirmed = await confirmDeleted(model, file, settings);
  if (confirmed.redeleted > 0) io.out(`Cleanup: ${confirmed.redeleted} session(s) were still listed open after their delete had answered success; deleted them again.\n`);
  if (confirmed.stillListed.length > 0) io.out(`Cleanup: ${confirmed.stillListed.length} session(s) are still listed open after being deleted again (${confirmed.stillListed.slice(0, 3).join(', ')}${confirmed.stillListed.length > 3 ? ', ...' : ''}); delete them by hand.\n`);
  return [...stillOpen([...left, ...confirmed.stillListed.map((id) => `${id} (still listed open after being deleted again)`)]), ...unseen];
}

/** The report's error naming every session the run may have left open, each with why: where a user looks for what is left on the endpoint. */
function stillOpen(sessions: string[]): string[] {
  return sessions.length > 0 ? [`${sessions.length} session(s) of this run may still be open: ${sessions.join('; ')}`] : [];
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

/**
 * Creates --report-dir before the run, and opens its session record for appending, so a path that
 * cannot hold the record and the reports fails in a second (exit 2, naming the directory and the flag),
 * not after the whole run.
 */
async function prepareReportDir(dir: string): Promise<void> {
  const where = `--report-dir ${echoedPath(resolve(dir))}`;
  try {
    await makeDirectory(dir);
  } catch (error) {
    throw new UsageError(`${where} cannot be created: ${(error as Error).message}`);
  }
  const record = journalFile(dir);
  try {
    closeSync(openSync(record, 'a'));
  } catch (error) {
    throw new UsageError(`${where} cannot hold the run's session record: ${echoedPath(record)}: ${(error as Error).message.split('\n')[0]}`);
  }
}
