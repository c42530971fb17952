import { finish, type RunHeader } from '../reports/index.ts';
import type { RunReport } from '../checks/index.ts';
import type { CliOptions } from './parseCliArgs.ts';

/**
 * Turns a report that tested less than it was asked to into an error (exit 2) instead of a pass: a suite
 * that reported nothing (the run overshot its deadline before it started), or a run that sent no case at
 * all (e.g. a --path that selects nothing; an empty shard is fine).
 */
export function completeReport(header: RunHeader, report: RunReport, cli: CliOptions, suites: string[]): RunReport {
  // No suite result and an error already: the run as a whole failed (deadline overshoot) and says why.
  if (report.suites.length === 0 && report.errors.length > 0) return report;
  const errors: string[] = [];
  for (const s of suites) {
    // A suite with a summary ran; one the run already reported an error for needs no second line.
    if (report.suites.some((r) => r.suite === s) || report.errors.some((e) => e.startsWith(`${s}: `))) continue;
    errors.push(`${s}: the suite reported no result: the run's deadline passed before it ran (--deadline ${cli.deadlineSeconds} s, --timeout ${cli.timeoutMs} ms per request)`);
  }
  // A shard may hold no case at all (few cases, many shards): its share is empty, not untested. Whether the
  // run as a whole tested anything is for merge-reports to say.
  if (errors.length === 0 && report.errors.length === 0 && report.totals.cases === 0 && cli.shard === undefined) {
    // A family this run may not run (one that changes voice connectors, against a connector of the user's).
    const notRun = report.suites.flatMap((s) => s.families ?? []).find((f) => f.id === cli.family && f.notRun !== undefined)?.notRun;
    errors.push(
      notRun !== undefined
        ? `--family ${cli.family} is not run against this endpoint: ${notRun}`
        : cli.path !== undefined
          ? `--family ${cli.family} --path ${cli.path} selects no case: is the path from a report of this spec and tool version?`
          : report.stoppedEarly
            ? `no case ran before the run stopped (${report.stoppedEarly.message}), so nothing was tested`
            : 'no case ran, so nothing was tested',
    );
  }
  if (errors.length === 0) return report;
  return finish({ ...header, ...(report.stoppedEarly ? { stoppedEarly: report.stoppedEarly } : {}) }, report.suites, report.checks, [...report.errors, ...errors], report.durationMs);
}
