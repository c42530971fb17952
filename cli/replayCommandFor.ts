import { DEFAULT_REPORT_DIR } from './parseCliArgs.ts';
import { shellWord } from './shellWords.ts';

/** The `conformance replay ID` command for failures of the report written to `reportDir`. */
export function replayCommandFor(reportDir: string): (id: string) => string {
  const where = reportDir === DEFAULT_REPORT_DIR ? '' : ` --report-dir ${shellWord(reportDir)}`;
  return (id) => `npx conformance replay ${id}${where}`;
}
