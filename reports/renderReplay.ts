import type { FailureRecord, RunReport } from '../src/model/report.ts';
import { failureLines } from './_failureLines.ts';
import { LINE_WIDTH, paint, plural, truncate, visible } from './_format.ts';

/**
 * What `conformance replay` says after re-running one failure: whether it happened again, the replayed
 * exchange (request and response; the original one when the case passed this time), other checks the
 * case failed this time, the replay's errors, and its verdict. Pure: formats two records, runs nothing.
 */
export function renderReplay(original: FailureRecord, replayed: RunReport, options: { color: boolean; reportDir?: string }): string {
  const p = paint(options.color);
  const again = replayed.checks.flatMap((c) => c.failures).find((f) => f.id === original.id);
  const looked = replayed.checks.some((c) => c.check === original.check && c.cases > 0);
  const run = [`seed ${replayed.seed}`, replayed.target === 'embedded' ? 'embedded reference emulator' : visible(replayed.endpoint), plural(replayed.totals.cases, 'case')];
  const lines = [
    `${p.bold(' REPLAY ')} ${p.bold(visible(original.id))}  ${p.dim(`${visible(original.check)} · ${visible(original.family)} · path ${visible(original.replayPath)}`)}`,
    `  ${p.dim(truncate(run.join(' · '), LINE_WIDTH - 2))}`,
    '',
  ];
  if (again) {
    lines.push(`  ${p.red('✗ reproduced')}: ${truncate(visible(again.message), LINE_WIDTH - 18)}`, '');
    lines.push(...failureLines(again, p, LINE_WIDTH - 4).map((l) => `  ${l}`));
  } else {
    const why =
      replayed.totals.cases === 0
        ? 'the case did not run (see the errors below)'
        : !looked
          ? `${visible(original.check)} did not look at the replayed case`
          : `${visible(original.check)} passed the replayed case (the endpoint changed, or the failure depended on other cases of the run)`;
    lines.push(`  ${p.green('✓ not reproduced')}: ${why}`, '', `  ${p.dim('the original failure, for reference:')}`);
    lines.push(...failureLines(original, p, LINE_WIDTH - 4).map((l) => `  ${l}`));
  }
  const others = replayed.checks.filter((c) => c.failed > 0 && !c.failures.some((f) => f.id === original.id));
  if (others.length > 0) {
    lines.push('', `  ${p.bold('The replayed case also fails')}`);
    for (const c of others) {
      const first = c.failures[0];
      lines.push(`  ${c.strength === 'required' ? p.red('✗') : p.yellow('!')} ${truncate(`${visible(c.check)} (${c.strength})${first ? `: ${visible(first.message)}` : ''}`, LINE_WIDTH - 4)}`);
    }
  }
  if (replayed.errors.length > 0) {
    lines.push('', `  ${p.red(p.bold('Errors'))}`);
    for (const error of replayed.errors) lines.push(`  ${p.red('✗')} ${truncate(visible(error.split('\n')[0] ?? ''), LINE_WIDTH - 4)}`);
  }
  const verdict = replayed.verdict === 'pass' ? p.green('PASS') : replayed.verdict === 'fail' ? p.red('FAIL') : p.red('ERROR');
  const exit = replayed.verdict === 'pass' ? 0 : replayed.verdict === 'fail' ? 1 : 2;
  lines.push('', `  ${p.bold('Replay verdict')} ${verdict}  ${p.dim(`exit code ${exit}${options.reportDir ? ` · report in ${visible(options.reportDir)}` : ''}`)}`);
  return `${lines.join('\n')}\n`;
}
