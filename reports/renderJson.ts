import type { RunReport } from '../src/model/report.ts';

/** Version of the report.json layout; bump it when a field changes meaning or goes away, so consumers can tell. */
const SCHEMA_VERSION = 1;

/**
 * A finished run as pretty JSON, `schemaVersion` first so a reader sees the layout version before anything
 * else. Every field of the RunReport is kept verbatim: this file is the complete record (the console and
 * JUnit outputs bound bodies; this one does not).
 */
export function renderJson(report: RunReport): string {
  return `${JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...report }, null, 2)}\n`;
}
