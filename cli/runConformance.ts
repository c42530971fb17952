import type { RunReport } from '../src/model/report.ts';
import { optionArgs } from './configArgs.ts';
import { executeRun } from './executeRun.ts';
import { parseCliArgs } from './parseCliArgs.ts';

/**
 * The options of runConformance(): the command's flags, in camelCase (`voiceConnectorId` is
 * `--voice-connector-id`), checked by the same parser as the command line. Every one is optional: with
 * none, the run starts the bundled reference emulator and runs every suite against it.
 */
export interface ConformanceOptions {
  endpoint?: string;
  voiceConnectorId?: string;
  region?: string;
  profile?: string;
  provision?: boolean;
  seed?: number;
  runs?: number;
  suite?: string[];
  /** A family id, or a glob over family ids (`reject.Name.*`). */
  family?: string;
  path?: string;
  caseDigest?: string;
  strict?: boolean;
  checks?: string[];
  /** Checks not to judge (`--exclude-check`); they are reported as excluded. */
  excludeCheck?: string[];
  /** The only checks to judge (`--include-check`); the others are reported as excluded. */
  includeCheck?: string[];
  /** Start no new case once this many cases failed a required check (`--max-failures`). */
  maxFailures?: number;
  /** Start no new case after this many seconds of the run (`--time-budget`). */
  timeBudget?: number;
  verifySignatures?: boolean;
  /** `false`: do not also send cases through the official SDK (the `--no-sdk` flag). */
  sdk?: boolean;
  /** `I/N`: only shard I of N of the cases. */
  shard?: string;
  maxSessions?: number;
  maxRequests?: number;
  rate?: number;
  /** Per-request timeout, in milliseconds (`--timeout`). */
  timeout?: number;
  /** The run's deadline, in seconds (`--deadline`). */
  deadline?: number;
  concurrency?: number;
  maxBodyBytes?: number;
  /** Where report.html, junit.xml, report.json and the session journal go (default `./conformance-report`). */
  reportDir?: string;
  /** A HAR 1.2 file of every request the run sends and its answer (`--record`). */
  record?: string;
  /** With `record`: only the requests of cases that failed a check (`--record-failures`). */
  recordFailures?: boolean;
  /** Another spec file (`--spec`). */
  spec?: string;
  /** Where the console report and the run's notices go, as text (default: nowhere). */
  out?: (text: string) => void;
}

/**
 * Runs the conformance suite as `npx conformance` does, from a program: the preflight, every suite in this
 * process, the cleanup of every session the run created, and the reports in `reportDir`. Resolves with the
 * run report (`report.verdict`: pass, fail or error, as exit codes 0, 1 and 2); rejects with a
 * ConformanceToolError (a bad option, an unreachable endpoint, a refused preflight), as the command exits 2.
 */
export async function runConformance(options: ConformanceOptions = {}): Promise<RunReport> {
  const { out, sdk, ...flags } = options;
  const named: Record<string, unknown> = Object.fromEntries(Object.entries(flags).map(([key, value]) => [key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), value]));
  if (sdk === false) named['no-sdk'] = true;
  const cli = parseCliArgs(optionArgs('runConformance', named));
  const { report } = await executeRun(cli, { out: out ?? (() => undefined), color: false, console: out !== undefined });
  return report;
}
