import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { echoed, UsageError } from '../src/errors.ts';
import { describeParseError } from './describeParseError.ts';
import { CASE_DIGEST_HEX_DIGITS } from '../engine/caseDigest.ts';
import { COMMANDS, commandLines } from './commandList.ts';
import { isFamilyGlob } from '../engine/familyPattern.ts';

/** Where reports go without --report-dir (and where `conformance replay` looks). */
export const DEFAULT_REPORT_DIR = 'conformance-report';

/** Options of `conformance [run]`, as the user gave them (validated, defaults applied). */
export interface CliOptions {
  /** `run` (the default) or `sweep` (delete what an earlier run left open, from its report directory). */
  command: 'run' | 'sweep';
  endpoint?: string;
  region?: string;
  profile?: string;
  voiceConnectorId?: string;
  seed?: number;
  runs: number;
  timeoutMs: number;
  deadlineSeconds: number;
  concurrency: number;
  maxSessions?: number;
  maxRequests?: number;
  rate?: number;
  maxBodyBytes: number;
  reportDir: string;
  /** --record FILE: every exchange of the run as a HAR 1.2 file; with --record-failures only those of failing cases. */
  record?: string;
  recordFailures: boolean;
  strict: boolean;
  /** Check groups to add: `auth`. */
  checks?: string[];
  verifySignatures: boolean;
  /** --provision: create a voice connector with a proxy configuration for this run and remove it afterwards. */
  provision: boolean;
  /** Also send cases through the official SDK (sdk-parses); --no-sdk turns it off. */
  sdk: boolean;
  suites?: string[];
  /** --family: one family id, or a glob (`reject.Name.*`) selecting every matching family (engine/familyPattern.ts). */
  family?: string;
  path?: string;
  /** --case-digest D: replay the case at --path only if it is still the report's (engine/caseDigest.ts). */
  caseDigest?: string;
  /** --shard i/n: run only shard i (1-based) of n of the cases. */
  shard?: { index: number; count: number };
  specFile?: string;
  /** --baseline FILE: known failures (cli/baseline.ts); the run fails only on failures it does not list. */
  baseline?: string;
  /** --update-baseline: write the run's failures into the --baseline file. */
  updateBaseline: boolean;
  /** --reruns N: reruns of each kept failing example, to label it reproducible or flaky. */
  reruns: number;
  /** The failure corpus (cli/failureCorpus.ts): --corpus DIR, default <report-dir>/corpus; undefined with --no-corpus. */
  corpusDir?: string;
  /** --exclude-check ID (repeatable): checks not judged; reported as excluded. */
  excludeChecks?: string[];
  /** --include-check ID (repeatable): only these checks are judged; the others are reported as excluded. */
  includeChecks?: string[];
  /** --max-failures N: no new case starts once N cases failed a required check. */
  maxFailures?: number;
  /** --time-budget S: no new case starts after S seconds of the run; what ran is judged. */
  timeBudgetSeconds?: number;
  color?: boolean;
  verbose: boolean;
  help: boolean;
  version: boolean;
}

/** Defaults of the limits; a replay line repeats a limit only when the run did not use its default. */
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export const flags = {
  endpoint: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  'voice-connector-id': { type: 'string' },
  seed: { type: 'string' },
  runs: { type: 'string' },
  timeout: { type: 'string' },
  deadline: { type: 'string' },
  concurrency: { type: 'string' },
  'max-sessions': { type: 'string' },
  'max-requests': { type: 'string' },
  rate: { type: 'string' },
  'max-body-bytes': { type: 'string' },
  'report-dir': { type: 'string' },
  record: { type: 'string' },
  'record-failures': { type: 'boolean' },
  config: { type: 'string' },
  strict: { type: 'boolean' },
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean' },
  reruns: { type: 'string' },
  corpus: { type: 'string' },
  'no-corpus': { type: 'boolean' },
  checks: { type: 'string', multiple: true },
  'verify-signatures': { type: 'boolean' },
  provision: { type: 'boolean' },
  'no-sdk': { type: 'boolean' },
  suite: { type: 'string', multiple: true },
  family: { type: 'string' },
  path: { type: 'string' },
  'case-digest': { type: 'string' },
  shard: { type: 'string' },
  spec: { type: 'string' },
  'exclude-check': { type: 'string', multiple: true },
  'include-check': { type: 'string', multiple: true },
  'max-failures': { type: 'string' },
  'time-budget': { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

export const HELP = `conformance: contract and conformance tests for Amazon Chime SDK Voice CreateProxySession

Commands (each has its own --help):
${commandLines()}

Usage of run:
  npx conformance [options]                  run every suite against the bundled reference emulator
  npx conformance --endpoint URL --voice-connector-id ID [options]
  npx conformance --endpoint URL --provision [options]
                                             make a voice connector with a proxy configuration, test it,
                                             and remove it afterwards
  npx conformance sweep [--report-dir DIR] [--endpoint URL] [--voice-connector-id ID]
                                             delete the sessions an interrupted or killed run left open
                                             (from DIR/sessions.jsonl, the run's record of its sessions)
  npx conformance merge-reports OUT_DIR IN_DIR...
                                             merge the reports of the shards of one run (--shard) into one
  npx conformance replay FAILURE_ID [--report-dir DIR] [--endpoint URL --voice-connector-id ID]
                                             re-run one failure of DIR/report.json; its report goes to
                                             DIR/replay-FAILURE_ID

Target:
  --endpoint URL             endpoint to test (default: start the reference emulator on a free loopback port)
  --voice-connector-id ID    an existing voice connector at that endpoint (required with --endpoint,
                             unless --provision)
  --provision                create a voice connector and its proxy configuration for this run
                             (CreateVoiceConnector, PutVoiceConnectorProxy) and delete both afterwards;
                             without --endpoint, on an embedded emulator that starts with no connector
  --region NAME              AWS region: with --voice-connector-id and no --endpoint, the regional endpoint;
                             the SigV4 signing region (default: AWS_REGION, else us-east-1)
  --profile NAME             named profile of the shared AWS config/credentials files (default: AWS_PROFILE)
  --spec FILE                operation spec (default: the bundled spec/create-proxy-session.yaml)

Cases:
  --seed N                   run seed (32-bit integer; default: random, printed in the report)
  --runs N                   cases per family (default 10)
  --suite NAME               only this suite (repeatable): acceptance, rejection, unknown-connector,
                             unspecified, cross-session, lifecycle, auth (opt-in)
  --family ID|GLOB           only these case families: an id, or a glob over ids across suites
                             (* any characters, ? one), e.g. --family 'reject.Name.*'
  --family ID --path P       replay one case: a family id (no glob) and fast-check path from a report
  --case-digest D            with --path: run the case only if it is still the one the report's replay
                             line was made from (the spec or generators may have changed since)
  --shard I/N                run only shard I of N of the cases (1 <= I <= N <= 1000); every shard of a
                             run needs the same --seed; join the shards' reports with merge-reports
  --strict                   opt-in checks fail the run too (e.g. different proxy numbers within a session)
  --exclude-check ID         do not judge this check (repeatable); it is reported as excluded and cannot
                             fail the run
  --include-check ID         judge only these checks (repeatable); the others are reported as excluded
  --checks auth              also run the opt-in auth suite: unsigned, wrongly signed and stale requests
                             must be refused (401/403); needs an endpoint that checks SigV4
  --verify-signatures        the embedded emulator checks SigV4 signatures (against throwaway credentials)
  --no-sdk                   do not also send cases through @aws-sdk/client-chime-sdk-voice (sdk-parses)

Limits:
  --timeout MS               per-request timeout in milliseconds (default 10000)
  --deadline S               overall deadline in seconds, the hard stop: exit 2 (default 600)
  --concurrency N            cases in flight at once (default 8)
  --max-sessions N           create at most N sessions in the whole run (default 50 for a non-loopback
                             endpoint, unlimited on loopback); the run stops creating and says so
  --max-requests N           send at most N requests (cleanup deletes always go out)
  --rate N                   at most N requests per second (default: unlimited)
  --max-body-bytes N         larger response bodies are failures (default 1048576)
  --max-failures N           start no new case once N cases failed a required check (exit 1, full reports
                             that say the run stopped early)
  --time-budget S            start no new case after S seconds of the run, and judge what ran (exit 0 or 1;
                             a notice, not an error); must be less than --deadline, which stays the hard stop

Known failures:
  --baseline FILE            known failures (YAML, one entry per fingerprint): the run fails only on failures
                             the file does not list, and names the entries that no longer fail
  --update-baseline          write this run's failures into the --baseline file (kept: reasons and links)
  --reruns N                 run each kept failing example N more times and label it reproducible or flaky
                             (default 2; 0: no reruns)
  --corpus DIR               the failure corpus: failing cases are saved there and replayed first by the next
                             run, whatever its seed, until they pass 3 runs in a row (default REPORT_DIR/corpus)
  --no-corpus                neither replay nor save failing cases

Output:
  --report-dir DIR           where report.html, junit.xml and report.json go (default ./conformance-report)
  --record FILE              write every request the run sends, and its answer, to FILE as HAR 1.2 (opens in a
                             browser's devtools); credentials and signatures are left out
  --record-failures          with --record: only the requests of cases that failed a check
  --config FILE              options from a YAML file (default ./conformance.config.yaml if it exists);
                             keys are flag names (runs: 20, voice-connector-id: abc); flags win
  --verbose                  every example of every failure in full
  --color / --no-color       force colours on or off (default: on for a terminal, off when NO_COLOR is set)
  -h, --help                 this help
  --version                  the tool's version

Exit codes: 0 every required check passed; 1 a required check failed; 2 usage or configuration error,
unreachable endpoint, or a run that could not complete.`;

export const SWEEP_HELP = `conformance sweep: delete the sessions (and --provision voice connectors) an interrupted or killed run left open

Usage:
  npx conformance sweep [--report-dir DIR] [--endpoint URL] [--voice-connector-id ID]

Reads DIR/sessions.jsonl (default ./conformance-report), the run's record of what it created and deleted,
and deletes what is still open: every session recorded as created and not deleted, the sessions of creates
whose answer was lost (found in their connector's list by the numbers they sent), sessions recorded as
deleted that the endpoint still lists open, then the connectors a --provision run made.

Options:
  --report-dir DIR           the report directory of the run to clean up (default ./conformance-report)
  --endpoint URL             only what the run created at this endpoint
  --voice-connector-id ID    only sessions on this voice connector
  --region NAME, --profile NAME, --timeout MS, --spec FILE    as for a run

Exit codes: 0 nothing of the run is left open; 2 something could not be deleted (listed).`;

/** Parses argv (without node and script), or throws a UsageError that names the bad flag. */
export function parseCliArgs(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv), options: flags, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(`${describeParseError(error as Error & { code?: string })}. Run with --help to see the options.`);
  }
  const v = parsed.values;
  const [command = 'run', ...extra] = parsed.positionals;
  if (command !== 'run' && command !== 'sweep') throw new UsageError(`unknown command "${echoed(command)}". The commands are: ${COMMANDS.map((c) => `${c.name}: ${c.says}`).join('; ')}. Each has its own --help.`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${echoed(extra[0]!)}". Run with --help to see the options.`);
  if (v.endpoint !== undefined) {
    let url: URL;
    try {
      url = new URL(v.endpoint);
    } catch {
      throw new UsageError(`--endpoint "${echoed(v.endpoint)}" is not a URL (expected e.g. http://127.0.0.1:4566)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--endpoint must be http:// or https://, not ${echoed(url.protocol)}`);
    if (!v['voice-connector-id'] && !v.provision && command === 'run') {
      throw new UsageError('--endpoint needs --voice-connector-id (the id of an existing voice connector at that endpoint) or --provision');
    }
  }
  if (v.provision && v['voice-connector-id'] !== undefined) throw new UsageError('--provision creates its own voice connector; leave out --voice-connector-id');
  if (v['voice-connector-id'] !== undefined && v['voice-connector-id'].trim() === '') throw new UsageError('--voice-connector-id must not be empty');
  if ((v.family === undefined) !== (v.path === undefined) && v.path !== undefined) throw new UsageError('--path needs --family (both come from a failure in a report)');
  if (v.path !== undefined && !/^\d+(:\d+)*$/.test(v.path)) throw new UsageError(`--path "${echoed(v.path)}" is not a fast-check path like 3:0:1`);
  if (v['case-digest'] !== undefined && v.path === undefined) throw new UsageError('--case-digest needs --family and --path (all three come from a failure in a report)');
  if (v['case-digest'] !== undefined && !new RegExp(`^[0-9a-f]{${CASE_DIGEST_HEX_DIGITS}}$`).test(v['case-digest'])) throw new UsageError(`--case-digest "${echoed(v['case-digest'])}" is not the ${CASE_DIGEST_HEX_DIGITS} hex digits of a replay line`);
  if (v.path !== undefined && v.family !== undefined && isFamilyGlob(v.family)) throw new UsageError(`--family "${echoed(v.family)}" is a pattern; with --path it must be the one family id of a replay line`);
  if (v['record-failures'] && v.record === undefined) throw new UsageError('--record-failures needs --record FILE (the HAR file to write)');
  if (v.record !== undefined && v.record.trim() === '') throw new UsageError('--record needs a file name');
  const shard = v.shard === undefined ? undefined : parseShard(v.shard);
  if (v['no-corpus'] && v.corpus !== undefined) throw new UsageError('--no-corpus and --corpus DIR contradict each other; give one');
  if (v['update-baseline'] && v.baseline === undefined) throw new UsageError('--update-baseline needs --baseline FILE (the file to write the run\'s failures into)');
  if (v.baseline !== undefined && v.baseline.trim() === '') throw new UsageError('--baseline needs a file name');
  const deadlineSeconds = integer('--deadline', v.deadline ?? '600', 1, 86_400);
  const timeBudgetSeconds = v['time-budget'] === undefined ? undefined : integer('--time-budget', v['time-budget'], 1, 86_400);
  if (timeBudgetSeconds !== undefined && timeBudgetSeconds >= deadlineSeconds) {
    throw new UsageError(`--time-budget ${timeBudgetSeconds} must be less than --deadline (${deadlineSeconds} s), the hard stop that ends a run with exit 2; raise --deadline too`);
  }
  if (shard && v.path !== undefined) throw new UsageError('--shard splits the cases of a run; a --family/--path replay is one case and needs no --shard');
  return {
    command,
    endpoint: v.endpoint,
    region: v.region,
    profile: v.profile,
    voiceConnectorId: v['voice-connector-id'],
    seed: v.seed === undefined ? undefined : integer('--seed', v.seed, -(2 ** 31), 2 ** 31 - 1),
    runs: integer('--runs', v.runs ?? '10', 1, 100_000),
    timeoutMs: integer('--timeout', v.timeout ?? String(DEFAULT_TIMEOUT_MS), 1, 3_600_000),
    deadlineSeconds,
    concurrency: integer('--concurrency', v.concurrency ?? '8', 1, 1024),
    maxSessions: v['max-sessions'] === undefined ? undefined : integer('--max-sessions', v['max-sessions'], 0, 10_000_000),
    maxRequests: v['max-requests'] === undefined ? undefined : integer('--max-requests', v['max-requests'], 1, 100_000_000),
    rate: v.rate === undefined ? undefined : integer('--rate', v.rate, 1, 1_000_000),
    maxBodyBytes: integer('--max-body-bytes', v['max-body-bytes'] ?? String(DEFAULT_MAX_BODY_BYTES), 1, 2 ** 30),
    reportDir: v['report-dir'] ?? DEFAULT_REPORT_DIR,
    ...(v.record !== undefined ? { record: v.record } : {}),
    recordFailures: v['record-failures'] ?? false,
    strict: v.strict ?? false,
    ...(v.baseline !== undefined ? { baseline: v.baseline } : {}),
    updateBaseline: v['update-baseline'] ?? false,
    reruns: integer('--reruns', v.reruns ?? '2', 0, 20),
    ...(v['no-corpus'] ? {} : { corpusDir: v.corpus ?? join(v['report-dir'] ?? DEFAULT_REPORT_DIR, 'corpus') }),
    checks: checkGroups(v.checks),
    verifySignatures: v['verify-signatures'] ?? false,
    provision: v.provision ?? false,
    sdk: !(v['no-sdk'] ?? false),
    suites: v.suite,
    family: v.family,
    path: v.path,
    ...(v['case-digest'] !== undefined ? { caseDigest: v['case-digest'] } : {}),
    ...(shard ? { shard } : {}),
    specFile: v.spec,
    ...(v['exclude-check'] ? { excludeChecks: v['exclude-check'] } : {}),
    ...(v['include-check'] ? { includeChecks: v['include-check'] } : {}),
    ...(v['max-failures'] !== undefined ? { maxFailures: integer('--max-failures', v['max-failures'], 1, 10_000_000) } : {}),
    ...(timeBudgetSeconds !== undefined ? { timeBudgetSeconds } : {}),
    color: v['no-color'] ? false : v.color,
    verbose: v.verbose ?? false,
    help: v.help ?? false,
    version: v.version ?? false,
  };
}

function integer(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not "${echoed(text)}"`);
  }
  return n;
}

/** `--shard 2/4`: shard 2 of 4 (1-based, as a CI matrix counts). */
export function parseShard(text: string): { index: number; count: number } {
  const match = /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || count > 1000 || index > count) {
    throw new UsageError(`--shard must be I/N, shard I of N with 1 <= I <= N <= 1000 (e.g. --shard 2/4), not "${echoed(text)}"`);
  }
  return { index, count };
}

/**
 * `--seed -123` as one option: reports print negative seeds (fast-check seeds are signed 32-bit) and
 * replay lines pass them on like that, but parseArgs takes a value starting with "-" for a flag.
 */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    const next = argv[i + 1];
    if (name !== undefined && name in flags && flags[name as keyof typeof flags].type === 'string' && next !== undefined && /^-\d+$/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}


/** `--checks` names opt-in check groups; the only one is `auth` (the auth suite). */
function checkGroups(groups: string[] | undefined): string[] | undefined {
  for (const g of groups ?? []) if (g !== 'auth') throw new UsageError(`--checks "${echoed(g)}" is not a check group; the opt-in groups are: auth`);
  return groups;
}
