import { randomInt } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PAGES_CONNECTOR_ID, runClient, scenarioIds } from '../../client/index.ts';
import { finish, renderConsole, writeReports, type RunHeader } from '../../reports/index.ts';
import { ConformanceToolError, echoed, echoedPath, UsageError } from '../../src/errors.ts';
import { compileOperation, loadSpec } from '../../src/spec/index.ts';
import { judgeAgainstBaseline, readBaseline } from '../baseline.ts';
import { describeParseError } from '../describeParseError.ts';
import { githubOutput } from '../githubOutput.ts';
import { useColor } from '../readRunReport.ts';
import { shellWord } from '../shellWords.ts';
import { version } from '../version.ts';

/** Cases per family in the plain scenario: the generators' families are many, and a client is quick to judge. */
export const DEFAULT_CLIENT_RUNS = 2;
/** How long the testee may take for one case: the slowest scenario waits out three backoffs of an SDK. */
export const DEFAULT_CLIENT_TIMEOUT_MS = 15_000;
export const DEFAULT_CLIENT_DEADLINE_S = 300;

/** `client`'s own options (docs/flags.md lists each; test/docs.test.ts holds it to that). */
export const flags = {
  seed: { type: 'string' },
  runs: { type: 'string' },
  timeout: { type: 'string' },
  deadline: { type: 'string' },
  scenario: { type: 'string', multiple: true },
  case: { type: 'string' },
  strict: { type: 'boolean' },
  region: { type: 'string' },
  'report-dir': { type: 'string' },
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean' },
  spec: { type: 'string' },
  verbose: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const CLIENT_HELP = `conformance client: judge an SDK or client of Amazon Chime SDK Voice proxy sessions, not an endpoint.

Usage:
  npx conformance client [options] -- COMMAND [ARGS...]

COMMAND is the testee: a small program that makes each call the runner asks for with the client under
test and says what came back, one JSON object a line on stdin and stdout (docs/clients.md;
spec/testee-protocol.schema.json). The runner starts the reference emulator (SigV4 checked, throwaway
credentials), starts COMMAND with AWS_ENDPOINT_URL_CHIME_SDK_VOICE, AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY, AWS_REGION and CONFORMANCE_VOICE_CONNECTOR_ID pointing at it, answers every case
under a scenario (as usual, throttled, 5xx, reset, slow, unknown members, every modelled error, several
pages) and judges what the client sent, when it retried and paged, and what it read.

Bundled testees (also the examples to copy):
  npx conformance client -- node testees/node-sdk.mjs       the official @aws-sdk/client-chime-sdk-voice
  npx conformance client -- python3 testees/awscli-botocore.py     botocore as Debian's awscli ships it

Options:
  --seed N             run seed: the same seed gives the same cases (default random, printed)
  --runs N             cases per generator family in the plain scenario (default ${DEFAULT_CLIENT_RUNS})
  --scenario NAME      only this scenario (repeatable): ${'{'}SCENARIOS}
  --case ID            only this case (a replay line names it)
  --timeout MS         how long the testee may take to answer one case (default ${DEFAULT_CLIENT_TIMEOUT_MS}; the first
                       case gets 20 s more for the testee to start)
  --deadline S         the whole run ends by then, answered or not (default ${DEFAULT_CLIENT_DEADLINE_S})
  --strict             opt-in checks fail the run too (honours-retry-after)
  --region R           the region the testee is given and must sign for (default us-east-1)
  --report-dir DIR     where report.html, junit.xml and report.json go (default ./conformance-report)
  --baseline FILE      fail only on failures FILE does not list; --update-baseline rewrites it
  --spec FILE          another spec file
  --verbose, --color, --no-color
  -h, --help           this help

Exit codes: 0 the client conforms; 1 a required check failed; 2 the run could not complete (the testee
would not start, crashed, stopped answering or broke the protocol; a bad option).`;

export interface ClientCliOptions {
  command: string[];
  seed: number | undefined;
  runs: number;
  timeoutMs: number;
  deadlineSeconds: number;
  scenarios: string[];
  caseId: string | undefined;
  strict: boolean;
  region: string;
  reportDir: string;
  baseline: string | undefined;
  updateBaseline: boolean;
  specFile: string | undefined;
  verbose: boolean;
  color: boolean | undefined;
  help: boolean;
}

/** `client`'s own arguments (after the word "client"): options, then `--` and the testee's command. */
export function parseClientArgs(argv: string[]): ClientCliOptions {
  const dash = argv.indexOf('--');
  const own = dash < 0 ? argv : argv.slice(0, dash);
  const command = dash < 0 ? [] : argv.slice(dash + 1);
  let parsed;
  try {
    parsed = parseArgs({ args: own, options: flags, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(`client: ${describeParseError(error as Error & { code?: string })}. Run conformance client --help to see the options.`);
  }
  const v = parsed.values;
  if (parsed.positionals.length > 0) throw new UsageError(`client: the testee's command goes after "--": conformance client [options] -- ${parsed.positionals.map(echoed).join(' ')}`);
  if (!v.help && command.length === 0) throw new UsageError('client: no testee: give its command after "--", e.g. npx conformance client -- node testees/node-sdk.mjs');
  if (v['update-baseline'] && v.baseline === undefined) throw new UsageError('client: --update-baseline needs --baseline FILE');
  return {
    command,
    seed: v.seed === undefined ? undefined : integer('--seed', v.seed, -(2 ** 31), 2 ** 31 - 1),
    runs: integer('--runs', v.runs ?? String(DEFAULT_CLIENT_RUNS), 1, 1000),
    timeoutMs: integer('--timeout', v.timeout ?? String(DEFAULT_CLIENT_TIMEOUT_MS), 100, 3_600_000),
    deadlineSeconds: integer('--deadline', v.deadline ?? String(DEFAULT_CLIENT_DEADLINE_S), 1, 86_400),
    scenarios: v.scenario ?? [],
    caseId: v.case,
    strict: v.strict ?? false,
    region: v.region ?? 'us-east-1',
    reportDir: v['report-dir'] ?? 'conformance-report',
    baseline: v.baseline,
    updateBaseline: v['update-baseline'] ?? false,
    specFile: v.spec,
    verbose: v.verbose ?? false,
    color: v['no-color'] ? false : v.color,
    help: v.help ?? false,
  };
}

/**
 * `conformance client -- COMMAND`: judges the client COMMAND drives (client/runClient.ts) and writes the
 * same reports as a run against an endpoint. Returns the exit code.
 */
export default async function client(argv: string[], io: { out: (text: string) => void; err: (text: string) => void }): Promise<number> {
  const cli = parseClientArgs(argv);
  const model = compileOperation(loadSpec(cli.specFile, cli.specFile ? { flag: '--spec' } : {}));
  const known = scenarioIds(model);
  if (cli.help) {
    io.out(`${CLIENT_HELP.replace('{SCENARIOS}', known.join(', '))}\n`);
    return 0;
  }
  const unknown = cli.scenarios.find((s) => !known.includes(s));
  if (unknown !== undefined) throw new UsageError(`client: unknown --scenario ${echoed(unknown)}; the scenarios: ${known.join(', ')}`);
  if (!/^[a-z0-9-]+$/.test(cli.region)) throw new UsageError(`client: --region must be a region name such as us-east-1, not ${echoed(cli.region)}`);
  const baseline = cli.baseline !== undefined ? readBaseline(cli.baseline, { mayBeMissing: cli.updateBaseline }) : undefined;
  const seed = cli.seed ?? randomInt(-(2 ** 31), 2 ** 31 - 1);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const startedAt = new Date().toISOString();
  try {
    io.out(`Judging the client ${cli.command.map(shellWord).join(' ')} (seed ${seed})...\n`);
    const result = await runClient(model, {
      command: cli.command,
      seed,
      runs: cli.runs,
      timeoutMs: cli.timeoutMs,
      deadline: Date.now() + cli.deadlineSeconds * 1000,
      strict: cli.strict,
      region: cli.region,
      ...(cli.scenarios.length > 0 ? { scenarios: cli.scenarios } : {}),
      ...(cli.caseId !== undefined ? { caseId: cli.caseId } : {}),
      replayBase: replayBase(cli),
      signal: stop.signal,
    });
    const header: RunHeader = { tool: { name: 'conformance', version }, operation: model.name, endpoint: result.endpoint, target: 'embedded', voiceConnectorId: `${result.voiceConnectorId} (pages: ${PAGES_CONNECTOR_ID})`, seed, runs: cli.runs, startedAt, testee: { command: cli.command } };
    const judged = finish(header, result.suites, result.checks, result.errors, result.durationMs);
    const report = baseline && cli.baseline !== undefined ? judgeAgainstBaseline(judged, header, cli.baseline, baseline, cli.updateBaseline && !stop.signal.aborted) : judged;
    io.out(renderConsole(report, { color: useColor(cli.color), verbose: cli.verbose }));
    const paths = await writeReports(report, cli.reportDir, model).catch((error: Error) => {
      throw new ConformanceToolError('CONFORMANCE_REPORT_WRITE', `could not write the reports to ${echoedPath(resolve(cli.reportDir))} (--report-dir): ${error.message}; the run's results (verdict ${report.verdict}) are in the console report above`);
    });
    io.out(`Reports: ${paths.html}, ${paths.junit}, ${paths.json}\n`);
    githubOutput(report, io.out);
    return report.verdict === 'pass' ? 0 : report.verdict === 'fail' ? 1 : 2;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** The flags a replay line must repeat besides --seed, --case and the testee. */
function replayBase(cli: ClientCliOptions): string {
  return [
    'npx conformance client',
    ...(cli.specFile ? ['--spec', shellWord(cli.specFile)] : []),
    // A plain case's id names its index in its family, and which indices a run draws depends on --runs
    // (client/planCases.ts samples): without it, a case drawn at --runs 3 is not there to replay.
    ...(cli.runs !== DEFAULT_CLIENT_RUNS ? ['--runs', String(cli.runs)] : []),
    ...(cli.strict ? ['--strict'] : []),
    ...(cli.region !== 'us-east-1' ? ['--region', cli.region] : []),
    ...(cli.timeoutMs !== DEFAULT_CLIENT_TIMEOUT_MS ? ['--timeout', String(cli.timeoutMs)] : []),
  ].join(' ');
}

function integer(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`client: ${flag} must be a whole number from ${min} to ${max}, not ${echoed(value)}`);
  return n;
}
