import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { renderReplay } from '../../reports/renderReplay.ts';
import type { CheckSummary, FailureRecord, RunReport } from '../../checks/index.ts';
import { echoed, UsageError } from '../../src/errors.ts';
import { DEFAULT_REPORT_DIR, parseCliArgs, type CliOptions } from '../parseCliArgs.ts';
import { readRunReport, useColor } from '../readRunReport.ts';
import { splitShellWords } from '../shellWords.ts';

export const REPLAY_HELP = `conformance replay: re-run exactly one failure of an earlier run

Usage:
  npx conformance replay FAILURE_ID [--report-dir DIR] [--endpoint URL --voice-connector-id ID]
  npx conformance replay --all [REPORT_DIR] [--endpoint URL --voice-connector-id ID]

  Finds the failure FAILURE_ID (or a unique prefix of it, at least 4 characters) in DIR/report.json and
  re-runs its case with the flags of its replay line (--seed, --family, --path, the target and limits),
  against the original endpoint, or the bundled reference emulator if the run used it. Prints the
  exchange and the verdict; the replay's own reports go to a new directory, so the report being replayed
  is left as it is.

  With --all, every failure of the report is replayed in turn (each to DIR/replay-ID) and a table says
  which were reproduced; the exit code is 1 when any was.

Options:
  --all                      replay every failure of the report (REPORT_DIR, else --report-dir)
  --report-dir DIR           the report directory of the run (default ./conformance-report)
  --out DIR                  where the replay's reports go (default DIR/replay-FAILURE_ID)
  --endpoint URL             replay against this endpoint instead (needs --voice-connector-id)
  --voice-connector-id ID    the voice connector to use there
  --region NAME              AWS region for SigV4 signing (default: AWS_REGION, else us-east-1)
  --profile NAME             named profile of the shared AWS config/credentials files
  --verbose                  also print the replay run's whole console report
  --color / --no-color       force colours on or off
  -h, --help                 this help

Exit codes: 0 the replayed case passed every required check; 1 a required check failed (the failure
was reproduced, or another one showed); 2 bad input or a replay that could not complete.`;

const options = {
  all: { type: 'boolean' },
  'report-dir': { type: 'string' },
  out: { type: 'string' },
  endpoint: { type: 'string' },
  'voice-connector-id': { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  verbose: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `conformance replay FAILURE_ID [...]`: builds the options of a run from the failure's replay line and runs it. */
export default async function replay(argv: string[], io: { out: (text: string) => void; err: (text: string) => void }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(`replay: ${(error as Error).message.split('\n')[0]}. Run replay --help to see the options.`);
  }
  const v = parsed.values;
  if (v.help) {
    io.out(`${REPLAY_HELP}\n`);
    return 0;
  }
  if (v.all) return replayAll(parsed.positionals, v, io);
  const [id, ...extra] = parsed.positionals;
  if (id === undefined) throw new UsageError('replay needs the id of a failure, e.g. npx conformance replay 3f2a9c1b0d4e (ids are in the report)');
  if (extra.length > 0) throw new UsageError(`replay: unexpected argument "${echoed(extra[0]!)}"; it replays one failure id`);
  const reportDir = v['report-dir'] ?? DEFAULT_REPORT_DIR;
  const original = readRunReport(reportDir);
  const { failure, check } = findFailure(original, id, reportDir);
  const outDir = v.out ?? join(reportDir, `replay-${failure.id}`);
  const cli = replayOptions(failure, check, {
    reportDir: outDir,
    ...(v.endpoint !== undefined ? { endpoint: v.endpoint } : {}),
    ...(v['voice-connector-id'] !== undefined ? { voiceConnectorId: v['voice-connector-id'] } : {}),
    extra: [...(v.region ? ['--region', v.region] : []), ...(v.profile ? ['--profile', v.profile] : []), ...(v.verbose ? ['--verbose'] : [])],
  });
  const color = useColor(v['no-color'] ? false : v.color);
  io.out(`Replaying failure ${failure.id} (${check.check} in suite ${check.suite}) of ${join(reportDir, 'report.json')}${cli.endpoint ? ` against ${cli.endpoint}` : ' against the bundled reference emulator'}\n\n`);
  // Loaded here: it pulls in the SDK, the emulator and the generators (slow to load for a usage error).
  const { executeRun } = await import('../executeRun.ts');
  // The replay's own summary says what matters for one case; --verbose adds the whole console report.
  const { exitCode, report } = await executeRun(cli, { out: io.out, color, console: cli.verbose });
  io.out(`\n${renderReplay(failure, report, { color, reportDir: outDir })}`);
  return exitCode;
}

type ReplayValues = { 'report-dir'?: string; endpoint?: string; 'voice-connector-id'?: string; region?: string; profile?: string; color?: boolean; 'no-color'?: boolean };

/**
 * `replay --all [REPORT_DIR]`: every failure of a report, one after another, each as its own replay run
 * (its reports in DIR/replay-ID), then one line per failure: reproduced, passed now, or could not run.
 */
async function replayAll(positionals: string[], v: ReplayValues, io: { out: (text: string) => void }): Promise<number> {
  if (positionals.length > 1) throw new UsageError(`replay --all takes one report directory, not "${echoed(positionals.join(' '))}"`);
  const reportDir = positionals[0] ?? v['report-dir'] ?? DEFAULT_REPORT_DIR;
  const original = readRunReport(reportDir);
  // One replay per failure id; a failure kept by two checks (the same case) is replayed once.
  const seen = new Set<string>();
  const all = original.checks.flatMap((check) => check.failures.map((failure) => ({ failure, check }))).filter(({ failure }) => !seen.has(failure.id) && seen.add(failure.id));
  if (all.length === 0) throw new UsageError(`${join(reportDir, 'report.json')} has no failure to replay (verdict ${original.verdict})`);
  const color = useColor(v['no-color'] ? false : v.color);
  const { executeRun } = await import('../executeRun.ts');
  io.out(`Replaying ${all.length} failure(s) of ${join(reportDir, 'report.json')}\n`);
  const rows: { id: string; check: string; outcome: string; code: number }[] = [];
  for (const { failure, check } of all) {
    const cli = replayOptions(failure, check, {
      reportDir: join(reportDir, `replay-${failure.id}`),
      ...(v.endpoint !== undefined ? { endpoint: v.endpoint } : {}),
      ...(v['voice-connector-id'] !== undefined ? { voiceConnectorId: v['voice-connector-id'] } : {}),
      extra: [...(v.region ? ['--region', v.region] : []), ...(v.profile ? ['--profile', v.profile] : [])],
    });
    const { exitCode, report } = await executeRun(cli, { out: () => undefined, color, console: false }).catch((error: Error) => ({ exitCode: 2, report: undefined, error }));
    const again = report?.checks.some((c) => c.check === check.check && c.failed > 0) ?? false;
    const outcome = exitCode === 2 ? 'could not run' : again ? 'reproduced' : exitCode === 1 ? 'other failure' : 'passed now';
    rows.push({ id: failure.id, check: check.check, outcome, code: exitCode });
    io.out(`  ${outcome.padEnd(14)} ${failure.id}  ${check.check} (${check.suite})\n`);
  }
  const count = (what: string) => rows.filter((r) => r.outcome === what).length;
  io.out(`\n${count('reproduced')} reproduced, ${count('passed now')} passed now, ${count('other failure')} failed otherwise, ${count('could not run')} could not run; each replay's report is in ${join(reportDir, 'replay-ID')}\n`);
  return rows.some((r) => r.code === 1) ? 1 : rows.some((r) => r.code === 2) ? 2 : 0;
}

/** The failure with this id (or unique id prefix) in a report, with the check summary that holds it. */
export function findFailure(report: RunReport, id: string, reportDir: string): { failure: FailureRecord; check: CheckSummary } {
  const all = report.checks.flatMap((check) => check.failures.map((failure) => ({ failure, check })));
  const exact = all.filter((f) => f.failure.id === id);
  const matches = exact.length > 0 ? exact : id.length >= 4 ? all.filter((f) => f.failure.id.startsWith(id)) : [];
  const ids = [...new Set(matches.map((f) => f.failure.id))];
  if (ids.length === 1) return matches[0]!;
  const where = join(reportDir, 'report.json');
  if (ids.length > 1) throw new UsageError(`failure id "${echoed(id)}" is ambiguous in ${where}: it starts ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', ...' : ''}`);
  if (id.length < 4 && all.length > 0) throw new UsageError(`failure id "${echoed(id)}" is too short: give the whole id or at least its first 4 characters (e.g. ${all[0]!.failure.id.slice(0, 6)})`);
  const known = [...new Set(all.map((f) => f.failure.id))];
  throw new UsageError(
    known.length === 0
      ? `${where} has no failure to replay (verdict ${report.verdict})`
      : `no failure with id "${echoed(id)}" in ${where}; its failures are ${known.slice(0, 8).join(', ')}${known.length > 8 ? `, ... (${known.length} in all)` : ''}`,
  );
}

/**
 * The options of a run that replays one failure: the flags of its replay line (target, spec, --strict,
 * limits, --seed/--family/--path), its suite (so an opt-in suite such as auth runs too), the report
 * directory, and the target given instead, if any. Parsed by the same parser as a command line, so a
 * replay is a run like any other.
 */
export function replayOptions(failure: FailureRecord, check: Pick<CheckSummary, 'suite'>, override: { reportDir: string; endpoint?: string; voiceConnectorId?: string; extra?: string[] }): CliOptions {
  const words = splitShellWords(failure.replay);
  const start = words.findIndex((w) => w.startsWith('--'));
  if (start < 0) throw new UsageError(`the replay line of failure ${failure.id} has no flags: ${failure.replay}`);
  let args = words.slice(start);
  // Flags the replay command sets itself replace those of the line.
  const replaced = new Set(['--report-dir', '--suite', ...(override.endpoint !== undefined ? ['--endpoint', '--voice-connector-id'] : []), ...(override.voiceConnectorId !== undefined ? ['--voice-connector-id'] : [])]);
  args = args.filter((w, i) => !replaced.has(w) && !replaced.has(args[i - 1]!));
  const cli = parseCliArgs([
    ...args,
    ...(override.endpoint !== undefined ? ['--endpoint', override.endpoint] : []),
    ...(override.voiceConnectorId !== undefined ? ['--voice-connector-id', override.voiceConnectorId] : []),
    '--suite',
    check.suite,
    '--report-dir',
    override.reportDir,
    ...(override.extra ?? []),
  ]);
  if (cli.family === undefined || cli.path === undefined || cli.seed === undefined) {
    throw new UsageError(`the replay line of failure ${failure.id} does not name one case (--seed, --family and --path): ${failure.replay}`);
  }
  return cli;
}

