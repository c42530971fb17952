import { randomUUID } from 'node:crypto';
import { DEFAULT_VOICE_CONNECTOR_ID, startEmulator } from '../emulator/index.ts';
import type { CheckSummary, SuiteSummary } from '../src/model/report.ts';
import type { OperationModel } from '../src/spec/index.ts';
import { createCaseDirector } from './caseDirector.ts';
import { clientChecks } from './checks/index.ts';
import { caseRecord } from './caseRecord.ts';
import { planCases } from './planCases.ts';
import { runnerSessions } from './runnerSessions.ts';
import { clientsOf, scenarios } from './scenarios.ts';
import { testeeEnvironment } from './testeeEnvironment.ts';
import { parseReply, caseLine } from './testeeMessages.ts';
import { startTestee, type TesteeEvent } from './testeeProcess.ts';
import type { ClientCaseRun, ClientCheckContext, ClientFailure } from './types.ts';
import { latencySummary } from '../engine/latencySummary.ts';

/**
 * The connector the pages scenario lists: 22 characters of [a-z0-9], like the default one, so it matches
 * botocore's stricter VoiceConnectorId pattern too.
 */
export const PAGES_CONNECTOR_ID = 'conformance0paginated1';

/** How much longer than --timeout the first case may take: the testee starts (an SDK import, an interpreter). */
export const STARTUP_GRACE_MS = 20_000;

export interface ClientRunOptions {
  /** The testee: a program and its arguments. */
  command: string[];
  seed: number;
  /** Cases per family in the plain scenario. */
  runs: number;
  /** How long the testee may take to answer one case. */
  timeoutMs: number;
  /** Epoch milliseconds by which the run ends, answered or not. */
  deadline: number;
  strict: boolean;
  region: string;
  /** Only these scenarios (every one when empty). */
  scenarios?: string[];
  /** Only the case with this id (a replay). */
  caseId?: string;
  /** The command line that replays a case, without `--seed`, `--case` and the testee. */
  replayBase: string;
  /** Stops the run after the case in flight (Ctrl-C). */
  signal?: AbortSignal;
  /** Cases answered so far, of how many. */
  progress?: (done: number, total: number) => void;
}

/** A finished client run: everything a RunReport holds but its verdict, which the CLI derives (reports/finish). */
export interface ClientRunResult {
  endpoint: string;
  voiceConnectorId: string;
  suites: SuiteSummary[];
  checks: CheckSummary[];
  /** Why the run could not complete (the testee would not start, crashed, stopped answering, broke the protocol; the deadline). */
  errors: string[];
  durationMs: number;
  /** How many cases the plan held (before a --case filter left one). */
  planned: number;
}

/**
 * Judges a client: starts the reference emulator (SigV4 checked against throwaway credentials, every
 * request directed by the case's scenario), starts the testee with the standard AWS variables pointing at
 * it, sends it the cases one line at a time and judges, case by case, what it sent (on the wire), when it
 * retried and paged (behaviour) and what it reported (reading). The testee's process group is ended
 * whatever happens; a testee that does not start, crashes, hangs or breaks the protocol ends the run with
 * an error that says which, with the end of its stderr.
 */
export async function runClient(model: OperationModel, options: ClientRunOptions): Promise<ClientRunResult> {
  const started = performance.now();
  const clients = clientsOf(model);
  const checks = clientChecks(model, { strict: options.strict });
  const credentials = { accessKeyId: 'AKIDCONFORMANCECLIENT', secretAccessKey: `conformance-client-${randomUUID()}` };
  const token = randomUUID();
  const director = createCaseDirector(model, token);
  const emulator = await startEmulator({
    model,
    voiceConnectorIds: [DEFAULT_VOICE_CONNECTOR_ID, PAGES_CONNECTOR_ID],
    signatures: { credentials: [credentials], region: options.region },
    director: director.director,
  });
  const byId = new Map(scenarios(model).map((s) => [s.id, s]));
  const runs: ClientCaseRun[] = [];
  const errors: string[] = [];
  const latencies: number[] = [];
  let planned = 0;
  try {
    const sessions = runnerSessions(model, { endpoint: emulator.url, region: options.region, credentials, token, timeoutMs: options.timeoutMs });
    const all = planCases(model, { seed: options.seed, runs: options.runs, voiceConnectorId: DEFAULT_VOICE_CONNECTOR_ID, pagesConnectorId: PAGES_CONNECTOR_ID, ...(options.scenarios ? { scenarios: options.scenarios } : {}) });
    planned = all.length;
    const cases = options.caseId === undefined ? all : all.filter((c) => c.id === options.caseId);
    if (options.caseId !== undefined && cases.length === 0) errors.push(`no case ${options.caseId} with seed ${options.seed}: the spec, the generators or the tool changed since the report (or another --scenario was given)`);
    // The pages scenario's listing: sessions of the runner's own on a connector nothing else uses.
    if (cases.some((c) => c.input.VoiceConnectorId === PAGES_CONNECTOR_ID)) {
      for (let i = 0; i < clients.scenarios.pages.sessions; i++) await sessions.create(PAGES_CONNECTOR_ID, options.seed + i);
    }
    // Why the testee ended the run, worded once its stderr has been read to the end (after close).
    let whyEnded: ((stderr: string) => string) | undefined;
    const testee = cases.length > 0 ? startTestee(options.command, testeeEnvironment(model, { endpoint: emulator.url, region: options.region, credentials, voiceConnectorId: DEFAULT_VOICE_CONNECTOR_ID })) : undefined;
    try {
      for (const [i, planCase] of cases.entries()) {
        if (options.signal?.aborted) {
          errors.push(`interrupted: the run stopped after ${i} of ${cases.length} cases`);
          break;
        }
        const left = options.deadline - Date.now();
        if (left <= 0) {
          errors.push(`the run did not finish within its deadline (--deadline): ${i} of ${cases.length} cases were answered`);
          break;
        }
        const c = planCase.sessionLabel ? { ...planCase, input: { ...planCase.input, [planCase.sessionLabel]: await sessions.create(DEFAULT_VOICE_CONNECTOR_ID, options.seed + 1000 + i) } } : planCase;
        const id = String(i + 1);
        const sent = caseLine(id, c);
        director.begin(byId.get(c.scenario)!, c.operation);
        const asked = performance.now();
        const askedAt = Date.now();
        testee!.send(sent);
        const budget = Math.min(options.timeoutMs + (i === 0 ? STARTUP_GRACE_MS : 0), left);
        const event = await waitFor(testee!, budget, options.signal);
        const exchanges = director.end();
        latencies.push(performance.now() - asked);
        if (event.kind !== 'line') {
          runs.push({ case: c, sent, askedAt, exchanges });
          whyEnded = (stderr) => testeeProblem(event, c.id, i, cases.length, options, stderr, budget === left && event.kind === 'timeout');
          break;
        }
        const parsed = parseReply(event.line, id);
        const problem = 'problem' in parsed ? parsed.problem : 'unsupported' in parsed.reply && !c.paginate ? `it says "unsupported", which only a paginate case may be` : undefined;
        if (problem !== undefined) {
          runs.push({ case: c, sent, askedAt, answered: event.line, exchanges });
          whyEnded = (stderr) => `the testee broke the protocol on case ${c.id}: it answered ${JSON.stringify(event.line.slice(0, 300))}, and ${problem}.${stderrNote(stderr)}`;
          break;
        }
        runs.push({ case: c, sent, askedAt, answered: event.line, reply: (parsed as { reply: ClientCaseRun['reply'] }).reply!, exchanges });
        options.progress?.(i + 1, cases.length);
      }
    } finally {
      await testee?.close(2_000);
      if (whyEnded) errors.push(whyEnded(testee!.stderrTail()));
    }
    if (director.strays() > 0) errors.push(`the testee sent ${director.strays()} request(s) after it had answered their case (a call must be over when its reply is written)`);
  } finally {
    await emulator.close();
  }

  const ctxOf = (run: ClientCaseRun): ClientCheckContext => ({ run, model, endpoint: emulator.url, region: options.region, credentials });
  const recordOf = (check: { id: string }, run: ClientCaseRun, failures: ClientFailure[]) =>
    caseRecord(model, { run, failures, check, seed: options.seed, endpoint: emulator.url, region: options.region, replay: replayLine(options, run.case.id) });
  // Cases that failed a required check, for the families' summaries (every one, not only the examples kept).
  const failedCases = new Set<string>();
  const summaries: CheckSummary[] = checks.perCase.map((check) => {
    const judged = runs.filter((run) => run.reply !== undefined && check.applies(ctxOf(run)));
    const failing = judged.flatMap((run) => {
      const failures = check.run(ctxOf(run));
      return failures.length > 0 ? [recordOf(check, run, failures)] : [];
    });
    if (check.strength === 'required') for (const f of failing) failedCases.add(f.record.replayPath);
    return summary(check, runs.length, judged.length, failing);
  });
  for (const check of checks.runWide) {
    const outcome = check.run(runs.filter((run) => run.reply !== undefined));
    const failures = outcome.failure ? [recordOf(check, outcome.failure.run, [outcome.failure.failure])] : [];
    if (check.strength === 'required') for (const f of failures) failedCases.add(f.record.replayPath);
    summaries.push(summary(check, runs.length, outcome.judged.length, failures));
  }
  const suite: SuiteSummary = {
    suite: 'client',
    title: `the client: ${options.command.join(' ')}`.slice(0, 200),
    cases: runs.length,
    requests: runs.reduce((n, r) => n + r.exchanges.length, 0),
    durationMs: performance.now() - started,
    ...latencySummary(latencies),
    families: familySummaries(runs, failedCases),
  };
  return { endpoint: emulator.url, voiceConnectorId: DEFAULT_VOICE_CONNECTOR_ID, suites: [suite], checks: summaries, errors, durationMs: performance.now() - started, planned };
}

// --- internal ---

/** At most this many failing examples per check are kept in the report (each failure is counted). */
const EXAMPLES_PER_CHECK = 5;

function summary(check: { id: string; title: string; concern: CheckSummary['concern']; strength: CheckSummary['strength'] }, total: number, judged: number, failures: ReturnType<typeof caseRecord>[]): CheckSummary {
  const failedCount = failures.length;
  const fingerprints = new Map<string, NonNullable<CheckSummary['fingerprints']>[number]>();
  for (const f of failures) {
    const shape = f.shape;
    const known = fingerprints.get(f.record.fingerprint!);
    if (known) known.cases++;
    else fingerprints.set(f.record.fingerprint!, { ...shape, fingerprint: f.record.fingerprint!, cases: 1 });
  }
  return {
    suite: 'client',
    check: check.id,
    title: check.title,
    concern: check.concern,
    strength: check.strength,
    cases: judged,
    passed: judged - failedCount,
    failed: failedCount,
    skipped: total - judged,
    failures: failures.slice(0, EXAMPLES_PER_CHECK).map((f) => f.record),
    ...(fingerprints.size > 0 ? { fingerprints: [...fingerprints.values()] } : {}),
  };
}

function familySummaries(runs: readonly ClientCaseRun[], failedCases: ReadonlySet<string>): NonNullable<SuiteSummary['families']> {
  const families = new Map<string, NonNullable<SuiteSummary['families']>[number]>();
  for (const run of runs) {
    const id = `${run.case.scenario}/${run.case.family}`;
    const family = families.get(id) ?? { id, title: run.case.title, kind: run.case.kind, ...(run.case.covers ? { covers: run.case.covers } : {}), cases: 0, failed: 0 };
    family.cases++;
    if (failedCases.has(run.case.id)) family.failed++;
    families.set(id, family);
  }
  return [...families.values()];
}

function replayLine(options: ClientRunOptions, caseId: string): string {
  return `${options.replayBase} --seed ${options.seed} --case ${quote(caseId)} -- ${options.command.map(quote).join(' ')}`;
}

function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

async function waitFor(testee: { next(ms: number): Promise<TesteeEvent> }, ms: number, signal: AbortSignal | undefined): Promise<TesteeEvent> {
  if (!signal) return testee.next(ms);
  let onAbort: (() => void) | undefined;
  try {
    return await Promise.race([
      testee.next(ms),
      new Promise<TesteeEvent>((resolve) => {
        onAbort = () => resolve({ kind: 'timeout', afterMs: 0 });
        if (signal.aborted) onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

function testeeProblem(event: TesteeEvent, caseId: string, index: number, total: number, options: ClientRunOptions, stderr: string, deadline: boolean): string {
  const where = `on case ${caseId} (${index + 1} of ${total})`;
  const note = stderrNote(stderr);
  switch (event.kind) {
    case 'not-started':
      return `the testee would not start (${options.command.join(' ')}): ${event.message}.${note}`;
    case 'exited': {
      const how = event.signal ? `was killed by ${event.signal}` : `exited with code ${event.code}`;
      return index === 0 ? `the testee ${how} before answering its first case (did it start? ${options.command.join(' ')}).${note}` : `the testee crashed: it ${how} ${where}.${note}`;
    }
    case 'timeout':
      if (options.signal?.aborted) return `interrupted ${where}`;
      return deadline
        ? `the run did not finish within its deadline (--deadline): no reply yet ${where}.${note}`
        : `the testee stopped answering: no reply ${where} within ${event.afterMs} ms (--timeout${index === 0 ? `, plus ${STARTUP_GRACE_MS / 1000} s for start-up` : ''}).${note}`;
    case 'too-long':
      return `the testee wrote a line longer than the protocol allows ${where}.${note}`;
    case 'line':
      return 'unexpected';
  }
}

/** The end of the testee's stderr on one line (a report's error is read a line at a time), lines joined by ⏎. */
function stderrNote(stderr: string): string {
  const tail = stderr.trim().split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '').slice(-12).join(' ⏎ ');
  return tail === '' ? ' Its stderr was empty.' : ` The end of its stderr: ${tail.length > 1500 ? `…${tail.slice(-1500)}` : tail}`;
}
