import type { TestProject } from 'vitest/node';
import { configArgs } from '../cli/configArgs.ts';
import { executeRun } from '../cli/executeRun.ts';
import { parseCliArgs } from '../cli/parseCliArgs.ts';
import { splitShellWords } from '../cli/shellWords.ts';
import './vitestContext.ts';

/**
 * The vitest harness's global setup: runs the whole conformance run once, in vitest's main process, exactly
 * as `npx conformance` would with the flags in CONFORMANCE_ARGS (and conformance.config.yaml), then hands
 * its report to the suite files, which only read it. The engine never runs inside a test worker, so the
 * session budget, the journal and the cleanup are the run's whatever vitest's pool and isolation settings.
 */
export default async function runOnce(project: TestProject): Promise<void> {
  const argv = splitShellWords(process.env.CONFORMANCE_ARGS ?? '');
  const cli = parseCliArgs([...configArgs(argv), ...argv]);
  const { report } = await executeRun(cli, { out: (text) => process.stdout.write(text), color: false, console: false });
  project.provide('conformanceReport', report);
}
