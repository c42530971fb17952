import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderConsole, writeReports } from '../../reports/index.ts';
import { mergeRunReports } from '../../reports/mergeRunReports.ts';
import { ConformanceToolError, UsageError } from '../../src/errors.ts';
import { githubOutput } from '../githubOutput.ts';
import { replayCommandFor } from '../replayCommandFor.ts';
import { readRunReport, useColor } from '../readRunReport.ts';

export const MERGE_HELP = `conformance merge-reports: join the reports of the shards of one run (--shard I/N, same --seed)

Usage:
  npx conformance merge-reports OUT_DIR IN_DIR...

  Reads IN_DIR/report.json of every shard, checks they are shards of the same run (same seed, runs,
  operation, target kind and tool version; each shard once), sums the results per suite and check, and
  writes the merged reports (junit.xml, report.json, ...) to OUT_DIR. A missing shard makes the merged
  verdict an error. On GitHub Actions it also prints annotations and appends a job summary.

Options:
  --verbose                  every example of every failure in full
  --color / --no-color       force colours on or off
  -h, --help                 this help

Exit codes: 0 every required check passed; 1 a required check failed; 2 bad input, a missing shard, or
a shard that could not complete.`;

/** `conformance merge-reports OUT_DIR IN_DIR...` */
export default async function mergeReports(argv: string[], io: { out: (text: string) => void; err: (text: string) => void }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { verbose: { type: 'boolean' }, color: { type: 'boolean' }, 'no-color': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(`merge-reports: ${(error as Error).message.split('\n')[0]}. Run merge-reports --help to see the options.`);
  }
  if (parsed.values.help) {
    io.out(`${MERGE_HELP}\n`);
    return 0;
  }
  const [outDir, ...inDirs] = parsed.positionals;
  if (outDir === undefined || inDirs.length === 0) throw new UsageError('merge-reports needs OUT_DIR and at least one IN_DIR, e.g. npx conformance merge-reports merged shard-1 shard-2');
  const clash = inDirs.find((d) => resolve(d) === resolve(outDir));
  if (clash !== undefined) throw new UsageError(`merge-reports: OUT_DIR ${outDir} is also an IN_DIR: the merged report would overwrite a shard's`);
  const reports = inDirs.map((dir) => readRunReport(dir));
  const merged = mergeRunReports(reports, inDirs);
  io.out(renderConsole(merged, { color: useColor(parsed.values['no-color'] ? false : parsed.values.color), verbose: parsed.values.verbose ?? false, replayCommand: replayCommandFor(outDir) }));
  const paths = await writeReports(merged, outDir).catch((error: Error) => {
    throw new ConformanceToolError('CONFORMANCE_REPORT_WRITE', `could not write the reports to ${resolve(outDir)}: ${error.message}`);
  });
  const { count, indexes } = merged.mergedShards!;
  io.out(`Merged shards ${indexes.join(', ')} of ${count} (seed ${merged.seed}) from ${inDirs.join(', ')}\n`);
  io.out(`Reports: ${Object.values(paths).join(', ')}\n`);
  githubOutput(merged, io.out);
  return merged.verdict === 'pass' ? 0 : merged.verdict === 'fail' ? 1 : 2;
}
