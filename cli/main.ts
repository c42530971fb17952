import { ConformanceToolError } from '../src/errors.ts';
import { boundHeap } from './boundHeap.ts';
import { errorLine } from './errorLine.ts';
import { configArgs } from './configArgs.ts';
import { HELP, SWEEP_HELP, parseCliArgs } from './parseCliArgs.ts';
import { version } from './version.ts';
import { useColor } from './readRunReport.ts';

/**
 * The only place that exits the process. Tool errors print one readable line and exit 2; anything
 * unexpected prints its message (the stack only with --verbose) and exits 2 too.
 */
/** A command module: `export default async function (argv, io): Promise<exitCode>`. */
type Command = { default: (argv: string[], io: { out: (text: string) => void; err: (text: string) => void }) => Promise<number> };

/** Subcommands with options of their own, loaded only when used. */
const OWN_COMMANDS: Record<string, () => Promise<Command>> = {
  serve: () => import('./commands/serve.ts'),
  replay: () => import('./commands/replay.ts'),
  'merge-reports': () => import('./commands/mergeReports.ts'),
  client: () => import('./commands/client.ts'),
};

async function main(argv: string[]): Promise<number> {
  const verbose = argv.includes('--verbose');
  try {
    // Commands with their own options parse them in their own module (cli/commands/<name>.ts).
    const own = OWN_COMMANDS[argv[0] ?? ''];
    if (own) return await (await own()).default(argv.slice(1), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) });
    // conformance.config.yaml first, the command line after it: flags win.
    const cli = parseCliArgs([...configArgs(argv), ...argv]);
    if (cli.help) {
      process.stdout.write(`${cli.command === 'sweep' ? SWEEP_HELP : HELP}\n`);
      return 0;
    }
    if (cli.version) {
      process.stdout.write(`${version}\n`);
      return 0;
    }
    const color = useColor(cli.color);
    if (cli.command === 'sweep') {
      const { runSweep } = await import('./runSweep.ts');
      return await runSweep(cli, (t) => process.stdout.write(t));
    }
    // Loaded only for a real run: it pulls in the AWS credential chain, the emulator and the generators
    // (the SDK itself loads on its own thread), which would make --help, --version and flag errors take
    // seconds instead of a fraction of one.
    const { executeRun } = await import('./executeRun.ts');
    const unbound = boundHeap();
    try {
      const { exitCode } = await executeRun(cli, { out: (t) => process.stdout.write(t), color });
      return exitCode;
    } finally {
      unbound();
    }
  } catch (error) {
    process.stderr.write(errorLine(error));
    if (!(error instanceof ConformanceToolError) && verbose) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
