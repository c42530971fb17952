import type { CheckSummary, RunReport, SuiteSummary } from '../src/model/report.ts';
import { CONCERN_TITLES, concernOrder } from './_concerns.ts';
import { failureLines } from './_failureLines.ts';
import { notRunLines } from './_notRun.ts';
import { duration, LINE_WIDTH, paint, plural, truncate, visible, wrap, type Paint } from './_format.ts';
import { perCheck } from './_perCheck.ts';
import { failureCauses } from './_causes.ts';
import { hasNewFailure } from './finish.ts';

export interface ConsoleOptions {
  /** ANSI colours; the CLI decides (TTY, NO_COLOR, FORCE_COLOR), the renderer only obeys. */
  color: boolean;
  /** Every recorded example of every failure and every advisory finding in full, and whole error texts. */
  verbose?: boolean;
  /**
   * The `conformance replay` command for a failure id, with the report directory the CLI wrote to: shown
   * under each failure, since it keeps the report it replays (a bare replay line reuses the default
   * report directory and overwrites it).
   */
  replayCommand?: (id: string) => string;
}

const INDENT = '  ';
/** Fixed baseline entries listed by name; the rest are counted. */
const FIXED_SHOWN = 10;

/**
 * A finished run as a terminal summary: header, suites, the failures grouped by cause, one table per
 * concern, every failing example with a curl and a replay line, advisory findings, and the verdict with
 * its exit code. Pure: formats, never runs.
 */
export function renderConsole(report: RunReport, options: ConsoleOptions): string {
  const p = paint(options.color);
  const verbose = options.verbose ?? false;
  const out: string[] = [];
  out.push(...header(report, p), '');
  out.push(...suites(report, p), '');
  // The few reasons first, then the per-check detail: "37 checks fail for 3 reasons" is where to start.
  out.push(...causes(report, p, options.replayCommand));
  out.push(...tables(report, verbose ? report.checks : aggregated(report.checks), p));
  out.push(...failures(report, p, verbose, options.replayCommand));
  out.push(...advisories(report, p, verbose));
  out.push(...errors(report, p, verbose));
  out.push(...baseline(report, p));
  out.push(...footer(report, p));
  return `${out.join('\n')}\n`;
}

// --- internal ---

function header(report: RunReport, p: Paint): string[] {
  const field = (label: string, value: string) => `${INDENT}${p.dim(label.padEnd(11))}${value}`;
  const where = report.target === 'embedded' ? 'embedded reference emulator, started by this run' : 'external endpoint';
  const endpoint = truncate(visible(report.endpoint), LINE_WIDTH - 60);
  const run = [`seed ${p.bold(String(report.seed))}`, `runs ${report.runs}`, `duration ${duration(report.durationMs)}`];
  const lines = [
    `${p.bold(' CONFORMANCE ')} ${p.bold(visible(report.operation))}  ${p.dim(`${visible(report.tool.name)} ${visible(report.tool.version)}`)}`,
    '',
    field('endpoint', `${endpoint}  ${p.dim(`(${where})`)}`),
    ...(report.testee ? [field('client', `${truncate(visible(report.testee.command.join(' ')), LINE_WIDTH - 40)}  ${p.dim('(the testee: the client under test)')}`)] : []),
    field('connector', truncate(visible(report.voiceConnectorId), LINE_WIDTH - 20)),
    field('run', `${run.join('   ')}   ${p.dim(`started ${visible(report.startedAt)}`)}`),
  ];
  const selection = report.familySelection;
  if (selection !== undefined) {
    const counts = `${selection.selected.length} selected, ${selection.notSelected.length} not selected (not run; listed in report.json)`;
    lines.push(field('families', truncate(`--family ${visible(selection.pattern)}: ${counts}`, LINE_WIDTH - 13)));
  }
  const excluded = excludedChecks(report);
  if (excluded.length > 0) {
    const reasons = [...new Set(excluded.map((c) => c.excluded!))].join('; ');
    lines.push(field('excluded', `${p.yellow(truncate(excluded.map((c) => visible(c.check)).join(', '), LINE_WIDTH - 40))} ${p.dim(`(${visible(reasons)}: not judged, cannot fail the run)`)}`));
  }
  return lines;
}

/** The checks the run did not judge, once each (every suite reports them alike). */
function excludedChecks(report: RunReport): CheckSummary[] {
  const seen = new Map<string, CheckSummary>();
  for (const c of report.checks) if (c.excluded !== undefined && !seen.has(c.check)) seen.set(c.check, c);
  return [...seen.values()];
}

function suites(report: RunReport, p: Paint): string[] {
  if (report.suites.length === 0) return [`${INDENT}${p.dim('no suite ran')}`];
  const nameWidth = Math.min(24, Math.max(...report.suites.map((s) => s.suite.length)));
  const titleWidth = Math.min(44, Math.max(...report.suites.map((s) => s.title.length)));
  const lines = [`${INDENT}${p.bold('Suites')}`];
  for (const suite of report.suites) {
    const failing = report.checks.some((c) => c.suite === suite.suite && isFailing(c));
    const mark = suite.error !== undefined || failing ? p.red('✗') : p.green('✓');
    const name = truncate(visible(suite.suite), nameWidth).padEnd(nameWidth);
    const title = truncate(visible(suite.title), titleWidth).padEnd(titleWidth);
    lines.push(truncateRow(`${INDENT}${mark} ${name}  ${title}  `, suiteStats(suite), p));
    if (suite.error !== undefined) {
      lines.push(`${INDENT}    ${p.red(truncate(`stopped: ${visible(firstLine(suite.error))}`, LINE_WIDTH - 6))}`);
    }
    if (suite.notice !== undefined) lines.push(`${INDENT}    ${p.yellow(truncate(`stopped early: ${visible(firstLine(suite.notice))}`, LINE_WIDTH - 6))}`);
    for (const line of notRunLines(suite)) lines.push(...wrap(visible(line), LINE_WIDTH - 6).map((part) => `${INDENT}    ${p.yellow(part)}`));
    if (suite.retries) lines.push(`${INDENT}    ${p.dim(`${plural(suite.retries, 'throttled or unavailable answer')} retried (with backoff; not judged)`)}`);
    if (suite.consistencyRetries) lines.push(`${INDENT}    ${p.dim(`${plural(suite.consistencyRetries, 'read')} repeated because it did not yet show an earlier write (eventual consistency; spec /lifecycle/consistency)`)}`);
  }
  return lines;
}

/** Appends dim `tail` to an already laid-out row, cut so the row stays within LINE_WIDTH. */
function truncateRow(row: string, tail: string, p: Paint): string {
  // The row's visible length: marks are one column each, ANSI codes none.
  const used = row.replace(/\u001b\[\d+m/g, '').length;
  return `${row}${p.dim(truncate(tail, Math.max(0, LINE_WIDTH - used)))}`;
}

function suiteStats(suite: SuiteSummary): string {
  const { p50, p99, max } = suite.latencyMs;
  // Fixed widths so the numbers of several suites line up.
  return [
    plural(suite.cases, 'case').padStart(10),
    plural(suite.requests, 'request').padStart(13),
    duration(suite.durationMs).padStart(7),
    `latency p50 ${duration(p50)} p99 ${duration(p99)} max ${duration(max)}`,
  ].join('  ');
}

/**
 * One row per check, its counts summed over the suites (each suite applies every check to its own
 * cases); the suite column names the suites where it failed, or how many suites it looked at.
 * --verbose keeps one row per check and suite.
 */
function aggregated(checks: CheckSummary[]): CheckSummary[] {
  return perCheck(checks).map(({ suites, failingSuites, entries, ...row }) => ({
    ...entries[0]!,
    ...row,
    failures: [],
    fingerprints: entries.flatMap((e) => e.fingerprints ?? []),
    suite: row.excluded !== undefined ? 'excluded' : failingSuites.length > 0 ? failingSuites.join(',') : suites.length === 1 ? suites[0]! : `${suites.length} suites`,
  }));
}

function tables(report: RunReport, checks: CheckSummary[], p: Paint): string[] {
  if (checks.length === 0) return [`${INDENT}${p.dim('no check ran')}`, ''];
  const idWidth = Math.min(48, Math.max(5, ...checks.map((c) => c.check.length)));
  const suiteWidth = Math.min(16, Math.max(5, ...checks.map((c) => c.suite.length)));
  const numbers = ['cases', 'passed', 'failed', 'skipped'] as const;
  const head = `${INDENT}   ${'check'.padEnd(idWidth)}  ${'suite'.padEnd(suiteWidth)}  ${'strength'.padEnd(8)}  ${numbers.map((n) => n.padStart(8)).join('')}`;
  // The concerns this tool knows first, in their order; anything newer after them rather than dropped.
  const concerns = concernOrder(checks.map((c) => c.concern));
  const lines: string[] = [];
  for (const concern of concerns) {
    const rows = checks.filter((c) => c.concern === concern);
    if (rows.length === 0) continue;
    const subtitle = (CONCERN_TITLES as Partial<Record<string, string>>)[concern];
    lines.push(`${INDENT}${p.bold(concern)}${subtitle === undefined ? '' : p.dim(`  ${subtitle}`)}`);
    lines.push(p.dim(head));
    for (const c of rows) {
      const cells = [
        truncate(visible(c.check), idWidth).padEnd(idWidth),
        truncate(visible(c.suite), suiteWidth).padEnd(suiteWidth),
        strengthText(c, p),
        [c.cases, c.passed, c.failed, c.skipped].map((n, i) => paintCount(String(n).padStart(8), i, c, p)).join(''),
      ];
      const title = c.excluded !== undefined ? `${c.excluded} · ${c.title}` : c.title;
      lines.push(truncateRow(`${INDENT}${mark(c, p)}  ${cells.join('  ')}  `, visible(title), p).trimEnd());
    }
    lines.push('');
  }
  return lines;
}

function strengthText(c: CheckSummary, p: Paint): string {
  const text = c.strength.padEnd(8);
  return c.strength === 'required' ? text : c.strength === 'opt-in' ? p.yellow(text) : p.dim(text);
}

/** Colours the `failed` column (index 2) of a failing row; other numbers stay plain. */
function paintCount(text: string, index: number, c: CheckSummary, p: Paint): string {
  if (index !== 2 || c.failed === 0) return text;
  return c.strength === 'advisory' ? p.yellow(text) : p.red(text);
}

function mark(c: CheckSummary, p: Paint): string {
  if (c.excluded !== undefined) return p.dim('x');
  if (c.failed > 0 && c.strength !== 'advisory' && !hasNewFailure(c)) return p.yellow('~');
  if (c.failed > 0) return c.strength === 'advisory' ? p.yellow('!') : p.red('✗');
  if (skippedEntirely(c)) return p.dim('-');
  return p.green('✓');
}

function failures(report: RunReport, p: Paint, verbose: boolean, replayCommand: ConsoleOptions['replayCommand']): string[] {
  const failing = report.checks.filter(isFailing);
  if (failing.length === 0) return [];
  const lines = [`${INDENT}${p.red(p.bold('Failures'))}  ${p.dim(`(${plural(failing.length, 'check')})`)}`, ''];
  for (const c of failing) {
    const facts = `${c.strength} · suite ${visible(c.suite)} · ${c.failed} of ${plural(c.cases, 'case')} failed`;
    const headline = truncate(`${visible(c.check)}  ${visible(c.title)}`, LINE_WIDTH - INDENT.length - 4 - facts.length);
    const known = !hasNewFailure(c);
    lines.push(`${INDENT}${known ? p.yellow('~') : p.red('✗')} ${p.bold(headline)}  ${p.dim(facts)}`);
    if (known) lines.push(`${INDENT}  ${p.yellow(`known failure: the baseline lists ${c.fingerprints!.length === 1 ? 'its fingerprint' : `all ${c.fingerprints!.length} of its fingerprints`}${knownReasons(c)}`)}`);
    else if (c.fingerprints?.some((f) => f.known)) lines.push(`${INDENT}  ${p.dim(`${c.fingerprints.filter((f) => f.known).length} of its ${c.fingerprints.length} fingerprints are known (baseline); the others are new`)}`);
    if (c.strength === 'opt-in') lines.push(`${INDENT}  ${p.yellow('opt-in: stricter than the docs require; it fails a run only when opt-in checks are enabled')}`);
    const shown = verbose ? c.failures : c.failures.slice(0, 1);
    if (shown.length === 0) lines.push(`${INDENT}  ${p.dim('(no example was recorded)')}`);
    shown.forEach((f, i) => {
      if (shown.length > 1) lines.push(`${INDENT}  ${p.dim(`example ${i + 1} of ${c.failures.length}${i === 0 && f.shrunk ? ' (shrunk)' : ''}`)}`);
      lines.push(...failureLines(f, p, LINE_WIDTH - 4, replayCommand?.(f.id)).map((l) => `${INDENT}  ${l}`));
    });
    const hidden = c.failures.length - shown.length;
    if (hidden > 0) lines.push(`${INDENT}  ${p.dim(`+ ${plural(hidden, 'more example')} recorded (verbose output or report.json)`)}`);
    lines.push('');
  }
  return lines;
}

function advisories(report: RunReport, p: Paint, verbose: boolean): string[] {
  const found = report.checks.filter((c) => c.strength === 'advisory' && c.failed > 0);
  if (found.length === 0) return [];
  const lines = [`${INDENT}${p.yellow(p.bold('Advisory'))} ${p.dim(' reported, never fails a run (the docs do not ground a hard expectation)')}`, ''];
  for (const c of found) {
    const facts = `suite ${visible(c.suite)} · ${c.failed} of ${plural(c.cases, 'case')}`;
    lines.push(`${INDENT}${p.yellow('!')} ${truncate(`${visible(c.check)}  ${visible(c.title)}`, LINE_WIDTH - facts.length - 6)}  ${p.dim(facts)}`);
    const shown = verbose ? c.failures : c.failures.slice(0, 3);
    for (const f of shown) {
      if (verbose) lines.push(...failureLines(f, p, LINE_WIDTH - 4).map((l) => `${INDENT}  ${l}`), '');
      else {
        const detail = `${visible(f.caseTitle)}: ${visible(f.message)}`;
        lines.push(`${INDENT}    ${truncate(detail, LINE_WIDTH - 30)} ${p.dim(truncate(`(id ${visible(f.id)})`, 24))}`);
      }
    }
    if (c.failures.length > shown.length) lines.push(`${INDENT}    ${p.dim(`+ ${c.failures.length - shown.length} more`)}`);
  }
  lines.push('');
  return lines;
}

function errors(report: RunReport, p: Paint, verbose: boolean): string[] {
  if (report.errors.length === 0) return [];
  const lines = [`${INDENT}${p.red(p.bold('Errors'))} ${p.dim(' the run could not complete; results above are partial')}`];
  for (const error of report.errors) {
    const [first = '', ...rest] = error.split('\n');
    // Whole, wrapped: why a run could not complete is the one thing in the report a reader must see.
    const [head = '', ...more] = wrap(visible(first), LINE_WIDTH - 4);
    lines.push(`${INDENT}${p.red('✗')} ${head}`, ...more.map((l) => `${INDENT}  ${l}`));
    if (verbose) lines.push(...rest.map((l) => `${INDENT}  ${p.dim(truncate(visible(l), LINE_WIDTH - 4))}`));
  }
  lines.push('');
  return lines;
}

function footer(report: RunReport, p: Paint): string[] {
  const { checks } = report;
  const failedRequired = checks.filter((c) => c.failed > 0 && c.strength === 'required' && hasNewFailure(c)).length;
  const knownRequired = checks.filter((c) => c.failed > 0 && c.strength === 'required' && !hasNewFailure(c)).length;
  const failedOptIn = checks.filter((c) => c.failed > 0 && c.strength === 'opt-in').length;
  const advisory = checks.filter((c) => c.failed > 0 && c.strength === 'advisory').length;
  const excluded = checks.filter((c) => c.excluded !== undefined).length;
  const skipped = checks.filter((c) => c.failed === 0 && c.excluded === undefined && skippedEntirely(c)).length;
  const passed = checks.length - failedRequired - knownRequired - failedOptIn - advisory - skipped - excluded;
  const parts = [
    failedRequired > 0 ? p.red(`${failedRequired} failed`) : '',
    knownRequired > 0 ? p.yellow(`${knownRequired} known failures`) : '',
    failedOptIn > 0 ? p.yellow(`${failedOptIn} opt-in failed`) : '',
    passed > 0 ? p.green(`${passed} passed`) : '',
    advisory > 0 ? p.yellow(`${advisory} advisory with findings`) : '',
    skipped > 0 ? p.dim(`${skipped} skipped`) : '',
    excluded > 0 ? p.dim(`${excluded} excluded`) : '',
  ].filter((s) => s !== '');
  const t = report.totals;
  const lines = [
    `${INDENT}${p.dim('Checks'.padEnd(10))}${parts.join(p.dim(' | ')) || p.dim('none')} ${p.dim(`(of ${checks.length}: each check counted once per suite it ran in)`)}`,
    `${INDENT}${p.dim('Cases'.padEnd(10))}${t.cases} ${p.dim(`(${plural(t.requests, 'request')} in ${duration(report.durationMs)})`)}`,
  ];
  // A verdict over fewer cases than asked for must say so where the verdict is read, not only by its suite.
  const early = report.suites.filter((s) => s.notice !== undefined).map((s) => visible(s.suite));
  if (report.stoppedEarly !== undefined) {
    // --max-failures, --time-budget: the whole run stopped starting cases; the verdict is over what ran.
    const which = early.length > 0 ? ` ${p.dim(`(${plural(early.length, 'suite')} did not run all their cases: ${early.join(', ')})`)}` : '';
    lines.push(`${INDENT}${p.dim('Stopped'.padEnd(10))}${p.yellow(`the run stopped early: ${visible(report.stoppedEarly.message)}`)}${which}`);
  } else if (early.length > 0) lines.push(`${INDENT}${p.dim('Stopped'.padEnd(10))}${p.yellow(`${plural(early.length, 'suite')} stopped early at a budget: ${early.join(', ')}`)} ${p.dim('(not a failure; their other cases did not run)')}`);
  // So are families that did not run at all (those that change voice connectors, on a user's connector).
  const notRun = report.suites.reduce((n, s) => n + (s.families ?? []).filter((f) => f.notRun !== undefined).length, 0);
  if (notRun > 0) lines.push(`${INDENT}${p.dim('Not run'.padEnd(10))}${p.yellow(`${plural(notRun, 'family', 'families')} (see their suites)`)} ${p.dim('(not a failure; the verdict does not cover them)')}`);
  lines.push('');
  lines.push(`${INDENT}${verdict(report, failedRequired, failedOptIn, p)}`);
  return lines;
}

function verdict(report: RunReport, failedRequired: number, failedOptIn: number, p: Paint): string {
  if (report.verdict === 'error') {
    const what = report.errors.length === 0 ? 'unknown error' : report.errors.map(firstLine).join('; ');
    const exit = p.dim('exit code 2: the run could not complete');
    return `${p.red(p.bold(' ERROR '))} ${truncate(visible(what), LINE_WIDTH - 60)}  ${exit}`;
  }
  // totals.failedChecks is what failed the run; it exceeds the required failures when opt-in checks were
  // made required (strict mode), and then the opt-in ones are named as part of the cause.
  const optInCounted = failedOptIn > 0 && report.totals.failedChecks > failedRequired;
  const optIn = plural(failedOptIn, 'opt-in check');
  const optInNote = failedOptIn > 0 && !optInCounted ? p.yellow(`  (${optIn} failed too; not required by the docs)`) : '';
  if (report.verdict === 'fail') {
    const causes = [failedRequired > 0 || !optInCounted ? plural(failedRequired, 'required check') : '', optInCounted ? `${optIn} (strict)` : ''];
    const cause = `${causes.filter((c) => c !== '').join(' and ')} failed`;
    return `${p.red(p.bold(' FAIL '))} ${cause}${optInNote}  ${p.dim(`exit code 1: the ${report.testee ? 'client' : 'endpoint'} does not conform`)}`;
  }
  const known = report.totals.knownFailures ? ` but the known failures of the baseline${p.yellow(` (${plural(report.totals.knownFailures, 'check')})`)}` : '';
  return `${p.green(p.bold(' PASS '))} every required check holds${known}${optInNote}  ${p.dim('exit code 0')}`;
}

/**
 * The failures grouped by likely cause (reports/_causes.ts), largest first, each with one example's replay
 * line: a reader starts from the few reasons, and the per-check detail follows.
 */
function causes(report: RunReport, p: Paint, replayCommand: ConsoleOptions['replayCommand']): string[] {
  const found = failureCauses(report.checks);
  const checks = new Set(found.flatMap((c) => c.checks)).size;
  if (found.length === 0) return [];
  const lines = [`${INDENT}${p.red(p.bold('Causes'))}  ${p.dim(`${plural(checks, 'check')} fail for ${plural(found.length, 'reason')} (a check counted once over every suite it failed in; checks failing with the same answer on much the same cases)`)}`];
  for (const cause of found) {
    const what = `${plural(cause.checks.length, 'check')} on ${plural(cause.cases, 'case')} in ${plural(cause.families, 'family', 'families')} answered ${visible(cause.answer)}`;
    lines.push(`${INDENT}${cause.known ? p.yellow('~') : p.red('✗')} ${truncate(what, LINE_WIDTH - 6)}${cause.known ? p.yellow(' (known)') : ''}`);
    lines.push(`${INDENT}    ${p.dim(truncate(cause.checks.join(', '), LINE_WIDTH - 6))}`);
    if (cause.example) lines.push(`${INDENT}    ${p.dim('e.g.')} ${truncate(visible(cause.example.caseTitle), LINE_WIDTH - 12)}`, `${INDENT}    ${visible(replayCommand?.(cause.example.id) ?? cause.example.replay)}`);
  }
  lines.push('');
  return lines;
}

/** With --baseline: which known failures still fail, which entries no longer do, and whether it was rewritten. */
function baseline(report: RunReport, p: Paint): string[] {
  const b = report.baseline;
  if (!b) return [];
  const known = report.checks.flatMap((c) => (c.fingerprints ?? []).filter((f) => f.known !== undefined));
  const lines = [`${INDENT}${p.bold('Baseline')}  ${p.dim(visible(b.file))}${b.updated ? p.yellow('  rewritten from this run (--update-baseline)') : ''}`];
  lines.push(`${INDENT}  ${plural(new Set(known.map((f) => f.fingerprint)).size, 'known failure')} still fail${b.notRun > 0 ? p.dim(`; ${plural(b.notRun, 'entry', 'entries')} not judged (their check or family did not run)`) : ''}`);
  for (const f of b.fixed.slice(0, FIXED_SHOWN)) lines.push(`${INDENT}  ${p.green('fixed')} ${visible(f.fingerprint)} ${visible(f.check)} · ${visible(f.family)}  ${p.dim('remove from the baseline')}`);
  if (b.fixed.length > FIXED_SHOWN) lines.push(`${INDENT}  ${p.green(`+ ${b.fixed.length - FIXED_SHOWN} more fixed`)} ${p.dim('(report.json lists them; --update-baseline removes them)')}`);
  lines.push('');
  return lines;
}

function knownReasons(c: CheckSummary): string {
  const reasons = [...new Set((c.fingerprints ?? []).map((f) => f.known?.reason).filter((r): r is string => r !== undefined))];
  return reasons.length > 0 ? `: ${visible(reasons.join('; '))}` : '';
}

/** A non-advisory check with a failing case: it gets its examples printed (opt-in ones too, labelled). */
function isFailing(c: CheckSummary): boolean {
  return c.failed > 0 && c.strength !== 'advisory';
}

/** Nothing passed and nothing failed: the check never applied to a case of this run. */
function skippedEntirely(c: CheckSummary): boolean {
  return c.passed === 0 && c.failed === 0;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}
