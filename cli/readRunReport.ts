import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunReport } from '../checks/index.ts';
import { UsageError } from '../src/errors.ts';

/** The report.json layouts this version reads (reports/renderJson.ts SCHEMA_VERSION). */
const READABLE_SCHEMAS = [1];

/**
 * Reads DIR/report.json of an earlier run (for merge-reports and replay). A missing, unreadable or foreign
 * file is a UsageError that names it and what to do, never a stack trace.
 */
export function readRunReport(dir: string): RunReport {
  const file = join(resolve(dir), 'report.json');
  if (!existsSync(file)) throw new UsageError(`${file} does not exist: point at the report directory of a run (its --report-dir)`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file} cannot be read as JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const r = data as Partial<RunReport> & { schemaVersion?: unknown };
  if (typeof r !== 'object' || r === null || typeof r.seed !== 'number' || typeof r.runs !== 'number' || !Array.isArray(r.suites) || !Array.isArray(r.checks) || !Array.isArray(r.errors) || typeof r.tool !== 'object') {
    throw new UsageError(`${file} is not a conformance report (no seed, runs, suites, checks and errors)`);
  }
  if (r.schemaVersion !== undefined && !READABLE_SCHEMAS.includes(r.schemaVersion as number)) {
    throw new UsageError(`${file} has report layout ${String(r.schemaVersion)}; this version of conformance reads layout ${READABLE_SCHEMAS.join(', ')}`);
  }
  const { schemaVersion: _layout, ...report } = r;
  void _layout;
  return report as RunReport;
}

/** Colours as the main command decides them: --color/--no-color, else a terminal without NO_COLOR outside CI. */
export function useColor(flag: boolean | undefined): boolean {
  return flag ?? (process.stdout.isTTY === true && !process.env.NO_COLOR && process.env.CI !== 'true');
}
