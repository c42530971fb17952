import type { CheckSummary, FailureRecord, RunReport } from '../src/model/report.ts';
import { compactJson, duration, plural, truncate, visible } from './_format.ts';
import { perCheck, type CheckRow } from './_perCheck.ts';
import { hasNewFailure } from './finish.ts';
import { rerunText } from './_failureLines.ts';

// GitHub Actions output of a finished run: workflow-command annotations (`::error title=...::message`) for
// the log and the checks tab, and a Markdown job summary (the file $GITHUB_STEP_SUMMARY names). Pure: the
// CLI decides when to print or append them (cli/githubOutput.ts). Everything from the endpoint under test
// is hostile text: it passes through visible() and the escaping below, so a response body can neither
// start a workflow command of its own (a newline then `::`) nor inject Markdown or HTML into the summary.

/** Longest reason quoted in an annotation or the summary: enough to read, small enough for a log line. */
const REASON_LIMIT = 500;
/** Failing checks detailed in the summary; the rest are in the table and in report.json. */
const SUMMARY_FAILURES = 25;

/**
 * One `::error` line per failing required check (its counts summed over the suites that ran it), with the
 * first failure's reason and replay line, then one per run error (verdict `error`). Empty when nothing
 * failed. GitHub shows at most 10 error annotations per step; the failing checks come first.
 */
export function githubAnnotations(report: RunReport): string {
  const lines: string[] = [];
  for (const row of perCheck(report.checks).filter((r) => r.failed > 0 && r.strength === 'required')) {
    // A known failure (--baseline) is a notice, not an error: it is listed apart from the new ones.
    if (!row.entries.some(hasNewFailure)) {
      lines.push(`::notice title=${escapeProperty(`conformance: ${row.check}: known failure (baseline)`)}::${escapeData(visible(`${row.failed} of ${plural(row.cases, 'case')} fail ${row.check}; every fingerprint is listed in the baseline: ${knownPrints(row.entries).join(', ')}.`))}`);
      continue;
    }
    const first = firstFailure(row.entries);
    const message = [
      `${row.failed} of ${plural(row.cases, 'case')} fail ${row.check} (${row.title}) in ${row.failingSuites.join(', ')}.`,
      ...(first
        ? [
            `${first.suite}: ${first.failure.caseTitle}: ${truncate(first.failure.message, REASON_LIMIT)}${first.failure.rerun ? ` [${rerunText(first.failure.rerun)}]` : ''}`,
            `expected ${compactJson(first.failure.expected, 200)}, actual ${compactJson(first.failure.actual, 200)}`,
            // What a baseline entry would list: the same defect has it on every run, whatever the seed.
            ...(first.failure.fingerprint ? [`fingerprint ${first.failure.fingerprint}`] : []),
            `Replay: ${first.failure.replay}`,
            `or: npx conformance replay ${first.failure.id}`,
          ]
        : []),
    ];
    lines.push(`::error title=${escapeProperty(`conformance: ${row.check} failed`)}::${escapeData(message.map((l) => visible(l)).join('\n'))}`);
  }
  // A gate that stopped early (--max-failures, --time-budget) says so where the job is read, not an error.
  if (report.stoppedEarly !== undefined) lines.push(`::notice title=${escapeProperty('conformance: stopped early')}::${escapeData(visible(report.stoppedEarly.message))}`);
  for (const error of report.errors) {
    lines.push(`::error title=${escapeProperty('conformance: the run could not complete')}::${escapeData(visible(truncate(error, 4 * REASON_LIMIT), true))}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * The run as a Markdown job summary: the verdict, what was tested, one table row per check (summed over
 * its suites, failing checks first), each failing check's first example with its replay line, and the
 * run's errors.
 */
export function githubSummary(report: RunReport): string {
  const out: string[] = [];
  const icon = report.verdict === 'pass' ? '✅' : report.verdict === 'fail' ? '❌' : '⚠️';
  const verdict = report.verdict === 'pass' ? 'PASS: every required check holds' : report.verdict === 'fail' ? 'FAIL: a required check failed' : 'ERROR: the run could not complete';
  out.push(`## ${icon} Conformance ${text(report.operation)}: ${verdict}`, '');
  const where = report.target === 'embedded' ? 'the embedded reference emulator' : code(report.endpoint);
  const facts = [
    `against ${where}`,
    `seed ${code(String(report.seed))}`,
    `runs ${report.runs}`,
    ...(report.shard ? [`shard ${report.shard.index} of ${report.shard.count}`] : []),
    ...(report.mergedShards ? [`merged from shards ${report.mergedShards.indexes.join(', ')} of ${report.mergedShards.count}`] : []),
    `${plural(report.totals.cases, 'case')}, ${plural(report.totals.requests, 'request')} in ${duration(report.durationMs)}`,
    `${report.totals.failedChecks} of ${plural(report.totals.checks, 'check')} failed`,
    ...(report.totals.knownFailures ? [`${plural(report.totals.knownFailures, 'known failure')} (baseline)`] : []),
    ...(report.baseline && report.baseline.fixed.length > 0 ? [`${report.baseline.fixed.length} baseline entries no longer fail (remove them)`] : []),
  ];
  out.push(facts.join(' · '), '');
  if (report.stoppedEarly !== undefined) out.push(`**Stopped early:** ${text(report.stoppedEarly.message)}.`, '');
  if (report.familySelection !== undefined) {
    const f = report.familySelection;
    out.push(`Families: ${code(`--family ${f.pattern}`)} selected ${plural(f.selected.length, 'family', 'families')}; ${plural(f.notSelected.length, 'family', 'families')} not selected (not run).`, '');
  }

  const rows = perCheck(report.checks);
  if (rows.length > 0) {
    out.push('| | check | suites | strength | cases | passed | failed | skipped |', '|---|---|---|---|--:|--:|--:|--:|');
    const order = (r: CheckRow) => (r.failed > 0 ? (r.strength === 'required' ? 0 : r.strength === 'opt-in' ? 1 : 2) : 3);
    for (const r of [...rows].sort((a, b) => order(a) - order(b))) {
      const known = r.failed > 0 && r.strength === 'required' && !r.entries.some(hasNewFailure);
      const mark = r.excluded !== undefined ? '⊘' : known ? '🔁 known' : r.failed > 0 ? (r.strength === 'required' ? '❌' : '⚠️') : r.cases === 0 ? '➖' : '✅';
      const suites = r.excluded !== undefined ? r.excluded : r.failed > 0 ? r.failingSuites.join(', ') : r.suites.length === 1 ? r.suites[0]! : `${r.suites.length} suites`;
      out.push(`| ${mark} | ${cell(r.check)} | ${cell(suites)} | ${r.strength} | ${r.cases} | ${r.passed} | ${r.failed} | ${r.skipped} |`);
    }
    out.push('');
  }

  const failing = report.checks.filter((c) => c.failed > 0 && c.strength !== 'advisory');
  if (failing.length > 0) {
    out.push('### Failures', '');
    for (const c of failing.slice(0, SUMMARY_FAILURES)) {
      // Marked as in the table: a known failure (--baseline) is listed, but is not one of the run's failures.
      const known = c.strength === 'required' && !hasNewFailure(c);
      out.push(`#### ${known ? '🔁' : c.strength === 'required' ? '❌' : '⚠️'} ${text(c.check)} (${text(c.suite)}): ${text(c.title)}`, '');
      const why = known ? ` (known failure: the baseline lists ${text(knownPrints([c]).join(', '))}; it does not fail the run)` : c.strength === 'opt-in' ? ' (opt-in: fails a run only with --strict)' : '';
      out.push(`${c.failed} of ${plural(c.cases, 'case')} failed${why}.`, '');
      const f = c.failures[0];
      if (f) {
        out.push(
          `- case: ${text(f.caseTitle)}`,
          `- reason: ${text(truncate(f.message, REASON_LIMIT))}`,
          `- expected ${code(compactJson(f.expected, 200))}, actual ${code(compactJson(f.actual, 200))}`,
          ...(f.fingerprint ? [`- fingerprint ${code(f.fingerprint)}`] : []),
          `- failure id ${code(f.id)}${f.shrunk ? ' (shrunk)' : ''}: ${code(`npx conformance replay ${f.id}`)}`,
          '',
          fence(f.replay, 'sh'),
          '',
        );
      }
    }
    if (failing.length > SUMMARY_FAILURES) out.push(`… and ${plural(failing.length - SUMMARY_FAILURES, 'more failing check')}: see report.json.`, '');
  }

  if (report.errors.length > 0) {
    out.push('### Errors', '');
    for (const error of report.errors) out.push(`- ${text(truncate(error, 4 * REASON_LIMIT))}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

/** A workflow command's message (GitHub's toolkit escapeData): `%`, CR and LF. */
export function escapeData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** A workflow command's property value, e.g. `title=` (toolkit escapeProperty): also `:` and `,`. */
export function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

// --- internal ---

/** The known fingerprints of a check, each with the baseline's reason: `fingerprint abc123def456 (why)`. */
function knownPrints(entries: CheckSummary[]): string[] {
  const known = new Map<string, string | undefined>();
  for (const f of entries.flatMap((c) => c.fingerprints ?? [])) if (f.known !== undefined) known.set(f.fingerprint, f.known.reason);
  return [...known].map(([fingerprint, reason]) => `fingerprint ${fingerprint}${reason === undefined ? '' : ` (${truncate(reason, REASON_LIMIT)})`}`);
}

/**
 * The example to quote for a check: a shrunk one if any suite has one, else the first recorded. An
 * `::error` is about the new failures, so an example whose fingerprint the baseline lists comes last.
 */
function firstFailure(entries: CheckSummary[]): { suite: string; failure: FailureRecord } | undefined {
  const known = new Set(entries.flatMap((c) => (c.fingerprints ?? []).filter((f) => f.known !== undefined).map((f) => f.fingerprint)));
  const all = entries.flatMap((c) => c.failures.map((failure) => ({ suite: c.suite, failure })));
  const fresh = all.filter((f) => f.failure.fingerprint === undefined || !known.has(f.failure.fingerprint));
  const pool = fresh.length > 0 ? fresh : all;
  return pool.find((f) => f.failure.shrunk) ?? pool[0];
}

/**
 * Hostile text as inline Markdown: controls made visible (newlines too, so it stays on its line), HTML
 * escaped, and the characters that start emphasis, links, code, tables or strikethrough inline escaped.
 */
function text(value: string): string {
  return visible(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/[\\`*_[\]|~]/g, (ch) => `\\${ch}`);
}

/** Text for a table cell: as `text`, which already escapes `|` and keeps everything on one line. */
function cell(value: string): string {
  return text(value);
}

/** Inline code that no backtick inside it can end early. */
function code(value: string): string {
  const v = visible(value);
  const longest = Math.max(0, ...[...v.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = v.startsWith('`') || v.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${v}${pad}${ticks}`;
}

/** A fenced code block whose fence is longer than any backtick run inside it. */
function fence(value: string, lang: string): string {
  const v = visible(value);
  const longest = Math.max(0, ...[...v.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return `${ticks}${lang}\n${v}\n${ticks}`;
}
