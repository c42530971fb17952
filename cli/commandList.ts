/**
 * Every command of the CLI with one line each: what `--help` opens with and what an unknown command is
 * answered with. Each command also has its own `--help`.
 */
export const COMMANDS: readonly { name: string; usage: string; says: string }[] = [
  { name: 'run', usage: 'npx conformance [run] [options]', says: 'run the suites, the default command (against the bundled emulator unless --endpoint)' },
  { name: 'sweep', usage: 'npx conformance sweep [--report-dir DIR]', says: 'delete the sessions an interrupted or killed run left open' },
  { name: 'replay', usage: 'npx conformance replay (FAILURE_ID | --all DIR)', says: 're-run one failure of an earlier run, or every failure of its report' },
  { name: 'merge-reports', usage: 'npx conformance merge-reports OUT_DIR IN_DIR...', says: 'join the reports of the shards of one run' },
  { name: 'serve', usage: 'npx conformance serve [--port N]', says: 'run the reference emulator on its own, for SDK and application authors' },
  { name: 'client', usage: 'npx conformance client -- COMMAND...', says: 'judge an SDK or client: what it sends, how it retries, how it reads (COMMAND is its testee)' },
];

/** The commands as a block of text, one line each (usage, then what it does). */
export function commandLines(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length)) + 2;
  return COMMANDS.map((c) => `  ${c.usage.padEnd(width)}${c.says}`).join('\n');
}
