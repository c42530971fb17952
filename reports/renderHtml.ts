import { createHash } from 'node:crypto';
import type { CheckSummary, RunReport, SuiteSummary } from '../src/model/report.ts';
import { CONCERN_TITLES, concernOrder } from './_concerns.ts';
import { duration, truncate } from './_format.ts';
import { anchor, attr, block, count, esc, num, strengthClass, text } from './_html.ts';
import { SCRIPT, STYLE } from './_htmlAssets.ts';
import { coverageSection } from './_htmlCoverage.ts';
import { failureDetails } from './_htmlFailure.ts';
import { latencyChart } from './_latencyChart.ts';
import { failureCauses } from './_causes.ts';
import { hasNewFailure } from './finish.ts';
import { notRunLines } from './_notRun.ts';

/**
 * A finished run as one self-contained HTML page for a reviewer who never saw the JSON: the verdict and
 * what its exit code means, the run's facts, every failure as an expandable example (reason, expected
 * and actual, the shrunk request, the response, replay and curl commands with copy buttons), advisory
 * findings, a per-check table, the spec coverage matrix (every constraint in `spec.constraints`, marked
 * where no must-accept or must-reject case exercised it) and a latency chart per suite.
 *
 * Inline CSS and script only: no network, no external asset. Every value from the report is escaped
 * (bodies are hostile), and a Content-Security-Policy allows only this page's own style and script, by
 * hash. Pure: formats, never runs.
 */
export function renderHtml(report: RunReport, spec?: { constraints: string[] }): string {
  const csp = [
    "default-src 'none'",
    `style-src '${sha256(STYLE)}'`,
    `script-src '${sha256(SCRIPT)}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const sections = [
    header(report),
    runErrors(report),
    causesSection(report),
    failures(report),
    baselineSection(report),
    advisories(report),
    checksTable(report),
    coverageSection(report, spec),
    suites(report),
    `<footer>${text(`${report.tool.name} ${report.tool.version}`)} · report.json in the same directory holds every field in full.</footer>`,
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${verdictWord(report)} · ${text(report.operation)} conformance</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...sections.filter((s) => s !== ''),
    '</main>',
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

// --- internal ---

function sha256(source: string): string {
  return `sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}`;
}

/** The verdict as a known word: report text never becomes a class name or a headline unescaped. */
function verdictOf(report: RunReport): 'pass' | 'fail' | 'error' {
  return report.verdict === 'pass' || report.verdict === 'fail' ? report.verdict : 'error';
}

function verdictWord(report: RunReport): string {
  return verdictOf(report).toUpperCase();
}

function header(report: RunReport): string {
  const where = report.target === 'embedded' ? 'the embedded reference emulator, started by this run' : 'an external endpoint';
  const started = Number.isNaN(Date.parse(report.startedAt)) ? report.startedAt : new Date(report.startedAt).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const t = report.totals;
  const facts: Array<[string, string]> = [
    ['Operation', `<code>${text(report.operation)}</code>`],
    ...(report.testee ? ([['Client', `<code>${text(report.testee.command.join(' '))}</code><br><span class="muted">the testee: the client under test</span>`]] as Array<[string, string]>) : []),
    ['Endpoint', `<code>${text(report.endpoint)}</code><br><span class="muted">${esc(where)}</span>`],
    ['Voice connector', `<code>${text(report.voiceConnectorId)}</code>`],
    ['Seed', `<code>${num(report.seed)}</code> <span class="muted">· --seed repeats the run</span>`],
    ['Runs', `${num(report.runs)} <span class="muted">cases per family</span>`],
    ['Started', text(started)],
    ['Duration', esc(duration(report.durationMs))],
    ['Totals', `${count(t.cases, 'case')}, ${count(t.requests, 'request')}, ${count(t.checks, 'check result')}`],
  ];
  if (report.familySelection !== undefined) {
    const f = report.familySelection;
    facts.push(['Families', `<code>--family ${text(f.pattern)}</code>: ${count(f.selected.length, 'family', 'families')} selected, ${count(f.notSelected.length, 'family', 'families')} not selected <span class="muted">· not run; report.json lists them</span>`]);
  }
  const excluded = [...new Map(report.checks.filter((c) => c.excluded !== undefined).map((c) => [c.check, c])).values()];
  if (excluded.length > 0) {
    const reasons = [...new Set(excluded.map((c) => c.excluded!))].join('; ');
    facts.push(['Excluded checks', `${excluded.map((c) => `<code>${text(c.check)}</code>`).join(', ')} <span class="muted">· ${text(reasons)}: not judged, cannot fail the run</span>`]);
  }
  if (report.shard !== undefined) facts.push(['Shard', `${num(report.shard.index)} of ${num(report.shard.count)} <span class="muted">· this report holds only this shard&#39;s cases</span>`]);
  if (report.mergedShards !== undefined) {
    const { count: shards, indexes } = report.mergedShards;
    const missing = shards - new Set(indexes).size;
    facts.push(['Merged', `shards ${text(indexes.join(', '))} of ${num(shards)}${missing > 0 ? ` <span class="warn">· ${count(missing, 'shard')} missing</span>` : ''}`]);
  }
  const links = [
    report.errors.length > 0 ? '<a href="#errors">Run errors</a>' : '',
    failing(report).length > 0 ? '<a href="#failures">Failures</a>' : '',
    findings(report).length > 0 ? '<a href="#advisory">Advisory findings</a>' : '',
    '<a href="#checks">Checks</a>',
    '<a href="#coverage">Spec coverage</a>',
    '<a href="#suites">Suites and latency</a>',
  ].filter((l) => l !== '');
  return [
    `<h1>${text(report.operation)} conformance report <span class="muted">${text(report.tool.name)} ${text(report.tool.version)}</span></h1>`,
    verdict(report),
    `<dl class="facts">${facts.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${v}</dd></div>`).join('')}</dl>`,
    `<nav>${links.join('')}</nav>`,
  ].join('\n');
}

function verdict(report: RunReport): string {
  // Known failures (--baseline) fail nothing: the verdict names only the new ones.
  const required = report.checks.filter((c) => c.failed > 0 && c.strength === 'required' && hasNewFailure(c));
  const optIn = report.checks.filter((c) => c.failed > 0 && c.strength === 'opt-in');
  const names = (checks: CheckSummary[]) => checks.map((c) => `<a href="#${attr(checkAnchor(c))}"><code>${text(c.check)}</code></a> in ${text(c.suite)}`).join(', ');
  const kind = verdictOf(report);
  let what: string;
  let exit: string;
  if (kind === 'error') {
    const more = report.errors.length > 1 ? ` (and ${count(report.errors.length - 1, 'more error')})` : '';
    what = report.errors.length === 0 ? 'The run could not complete.' : `The run could not complete: ${text(truncate(firstLine(report.errors[0]!), 300))}${more}`;
    exit = 'Exit code 2: a tool error, not a conformance verdict. Results below are partial.';
  } else if (kind === 'fail') {
    // Strict mode made opt-in checks required: totals.failedChecks then counts them too.
    const strict = optIn.length > 0 && report.totals.failedChecks > required.length;
    const cause = strict ? [...required, ...optIn] : required;
    what = `${count(cause.length, strict ? 'check' : 'required check')} failed${strict ? ' (opt-in checks count: --strict)' : ''}: ${names(cause)}`;
    exit = `Exit code 1: the ${report.testee ? 'client' : 'endpoint'} does not conform to the spec.`;
  } else {
    what = report.totals.knownFailures ? `Every required check holds, but the known failures of the baseline (${count(report.totals.knownFailures, 'check')}).` : 'Every required check holds.';
    exit = 'Exit code 0.';
  }
  const stopped = report.stoppedEarly === undefined ? '' : `<p class="warn">The run stopped early: ${text(report.stoppedEarly.message)}. The verdict is over the cases that ran.</p>`;
  const optInNote = kind !== 'error' && optIn.length > 0 && report.totals.failedChecks <= required.length
    ? `<p class="warn">${count(optIn.length, 'opt-in check')} failed too (stricter than the docs; fails a run only with --strict): ${names(optIn)}</p>`
    : '';
  return [
    `<section class="verdict v-${kind}" aria-label="verdict">`,
    `<div class="word">${verdictWord(report)}</div>`,
    `<div><div class="what">${what}</div><div class="muted">${esc(exit)}</div>${optInNote}${stopped}</div>`,
    '</section>',
  ].join('');
}

function runErrors(report: RunReport): string {
  if (report.errors.length === 0) return '';
  return [
    '<section id="errors" class="errors">',
    `<h2 class="fail">Run errors <span class="muted">(${num(report.errors.length)}) the run could not complete; results are partial</span></h2>`,
    ...report.errors.map((e) => `<pre>${block(String(e))}</pre>`),
    '</section>',
  ].join('\n');
}

/** Non-advisory checks with a failing case: required ones fail the run, opt-in ones only under --strict. */
function failing(report: RunReport): CheckSummary[] {
  return report.checks.filter((c) => c.failed > 0 && c.strength !== 'advisory');
}

function findings(report: RunReport): CheckSummary[] {
  return report.checks.filter((c) => c.failed > 0 && c.strength === 'advisory');
}

function failures(report: RunReport): string {
  const checks = failing(report);
  if (checks.length === 0) return '';
  const known = checks.filter((c) => c.strength === 'required' && !hasNewFailure(c)).length;
  return [
    '<section id="failures">',
    `<h2>Failures <span class="muted">(${count(checks.length, 'check')}${known > 0 ? `, ${num(known)} of them known (baseline)` : ''}; click an example to see the exchange and how to reproduce it)</span></h2>`,
    '<div class="buttons"><button type="button" data-details="open" data-scope="failures">Expand all</button><button type="button" data-details="close" data-scope="failures">Collapse all</button></div>',
    ...checks.map(checkFailures),
    '</section>',
  ].join('\n');
}

/** The failures grouped by likely cause (reports/_causes.ts), largest first, each with one example. */
function causesSection(report: RunReport): string {
  const found = failureCauses(report.checks);
  if (found.length === 0) return '';
  const checks = new Set(found.flatMap((c) => c.checks)).size;
  return [
    '<section id="causes">',
    `<h2>Causes <span class="muted">${count(checks, 'check')} fail for ${count(found.length, 'reason')}: a check counted once over every suite it failed in; checks failing with the same answer on much the same cases</span></h2>`,
    '<ul>',
    ...found.map(
      (cause) =>
        `<li>${cause.known ? '<span class="mark warn">~</span> <span class="warn">known</span>' : '<span class="mark fail">✗</span>'} ${count(cause.checks.length, 'check')} on ${count(cause.cases, 'case')} in ${count(cause.families, 'family', 'families')} answered <code>${text(cause.answer)}</code>: ${cause.checks.map((id) => `<code>${text(id)}</code>`).join(', ')}${cause.example ? `<br><span class="muted">e.g. ${text(cause.example.caseTitle)}</span> <code>${text(cause.example.replay)}</code>` : ''}</li>`,
    ),
    '</ul>',
    '</section>',
  ].join('\n');
}

/** With --baseline: the file, the known failures that still fail, and the entries that no longer do. */
function baselineSection(report: RunReport): string {
  const b = report.baseline;
  if (!b) return '';
  const still = new Set(report.checks.flatMap((c) => (c.fingerprints ?? []).filter((f) => f.known !== undefined).map((f) => f.fingerprint))).size;
  return [
    '<section id="baseline">',
    `<h2>Baseline <span class="muted"><code>${text(b.file)}</code>${b.updated ? ' · rewritten from this run (--update-baseline)' : ''}</span></h2>`,
    `<p>${count(still, 'known failure')} still fail${b.notRun > 0 ? `; ${count(b.notRun, 'entry', 'entries')} not judged (their check or family did not run)` : ''}.</p>`,
    ...(b.fixed.length > 0 ? [`<p class="pass">Fixed: remove from the baseline (${num(b.fixed.length)})</p>`, '<ul>', ...b.fixed.map((f) => `<li><code>${text(f.fingerprint)}</code> <code>${text(f.check)}</code> · ${text(f.family)}${f.reason ? ` <span class="muted">(${text(f.reason)})</span>` : ''}</li>`), '</ul>'] : []),
    '</section>',
  ].join('\n');
}

function advisories(report: RunReport): string {
  const checks = findings(report);
  if (checks.length === 0) return '';
  return [
    '<section id="advisory">',
    '<h2>Advisory findings <span class="muted">reported, never fail a run (the docs do not ground a hard expectation)</span></h2>',
    ...checks.map(checkFailures),
    '</section>',
  ].join('\n');
}

function checkFailures(c: CheckSummary): string {
  const strength = strengthClass(c.strength);
  const known = strength === 'required' && !hasNewFailure(c);
  const mark = known ? '<span class="mark warn">~</span>' : strength === 'required' ? '<span class="mark fail">✗</span>' : '<span class="mark warn">!</span>';
  const facts = `suite ${text(c.suite)} · ${num(c.failed)} of ${count(c.cases, 'case')} ${strength === 'advisory' ? 'with a finding' : 'failed'}`;
  // Each fingerprint with its reason: a fingerprint without a recorded example would otherwise appear nowhere.
  const prints = (c.fingerprints ?? []).map((f) => `<code>${text(f.fingerprint)}</code>${f.known?.reason === undefined ? '' : ` (${text(f.known.reason)})`}`);
  const note = known
    ? `<p class="warn">Known failure: the baseline lists ${prints.length === 1 ? 'its fingerprint' : `all ${num(prints.length)} of its fingerprints`} ${prints.join(', ')}; it does not fail the run.</p>`
    : strength === 'opt-in' ? '<p class="warn">Opt-in: stricter than the docs require; it fails a run only with --strict.</p>' : '';
  const examples = c.failures.length === 0 ? '<p class="muted">(no example was recorded)</p>' : c.failures.map((f, i) => failureDetails(f, c, i)).join('\n');
  const more = c.failed > c.failures.length ? `<p class="muted">${count(c.failures.length, 'example')} recorded of ${num(c.failed)} failing cases.</p>` : '';
  return [
    `<div class="check-head" id="${attr(checkAnchor(c))}">${mark} <code>${text(c.check)}</code> <span class="badge ${strength}">${text(c.strength)}</span> ${text(c.title)} <span class="muted">· ${facts}</span></div>`,
    note,
    examples,
    more,
  ].join('\n');
}

function checkAnchor(c: CheckSummary): string {
  return anchor(`check-${c.suite}-${c.check}`);
}

interface CheckRow {
  total: CheckSummary;
  perSuite: CheckSummary[];
  failingSuites: string[];
}

/** One row per check with its counts summed over the suites (like the console's table), then one per suite. */
function checksTable(report: RunReport): string {
  if (report.checks.length === 0) return '<section id="checks"><h2>Checks</h2><p class="muted">no check ran</p></section>';
  const rows = new Map<string, CheckRow>();
  for (const c of report.checks) {
    const row = rows.get(c.check) ?? { total: { ...c, suite: '', cases: 0, passed: 0, failed: 0, skipped: 0, failures: [] }, perSuite: [], failingSuites: [] };
    row.total.cases += c.cases;
    row.total.passed += c.passed;
    row.total.failed += c.failed;
    row.total.skipped += c.skipped;
    row.perSuite.push(c);
    if (c.failed > 0) row.failingSuites.push(c.suite);
    rows.set(c.check, row);
  }
  const all = [...rows.values()];
  const out: string[] = [];
  for (const concern of concernOrder(all.map((r) => r.total.concern))) {
    const group = all.filter((r) => r.total.concern === concern);
    if (group.length === 0) continue;
    const subtitle = (CONCERN_TITLES as Partial<Record<string, string>>)[concern];
    out.push(`<tr class="group"><th colspan="8">${text(concern)}${subtitle === undefined ? '' : ` <span class="muted">${esc(subtitle)}</span>`}</th></tr>`);
    for (const row of group) {
      const ran = row.perSuite.filter((c) => c.cases > 0);
      const where = row.total.excluded !== undefined ? row.total.excluded : row.failingSuites.length > 0
        ? `failed in ${row.failingSuites.join(', ')}`
        : ran.length === 1 ? ran[0]!.suite : `${ran.length} of ${row.perSuite.length} suites`;
      // The summed row's fingerprints are the first suite's only: known over every suite instead.
      const known = row.total.failed > 0 && !row.perSuite.some(hasNewFailure);
      out.push(checkRow(row.total, `<code>${text(row.total.check)}</code><span class="title">${text(row.total.title)}</span>`, text(where), '', known));
      for (const c of row.perSuite) out.push(checkRow(c, text(c.check), text(c.suite), 'per-suite', !hasNewFailure(c)));
    }
  }
  return [
    '<section id="checks">',
    '<h2>Checks <span class="muted">counts summed over all suites; each suite applies every check to its own cases</span></h2>',
    '<input type="checkbox" id="show-suites"> <label for="show-suites" class="toggle-label">show the counts of each suite</label>',
    '<table>',
    '<thead><tr><th></th><th>check</th><th>suites</th><th>strength</th><th class="n">cases</th><th class="n">passed</th><th class="n">failed</th><th class="n">skipped</th></tr></thead>',
    `<tbody>${out.join('\n')}</tbody>`,
    '</table>',
    '</section>',
  ].join('\n');
}

/** `known`: every failure of the check is one the baseline lists (marked as in the Failures section, not failed). */
function checkRow(c: CheckSummary, name: string, suite: string, extraClass: string, known: boolean): string {
  const strength = strengthClass(c.strength);
  const state = c.failed > 0 ? (strength === 'advisory' ? 'finding' : 'failing') : '';
  const mark = c.excluded !== undefined
    ? `<span class="mark muted" title="${attr(c.excluded)}">x</span>`
    : c.failed > 0
    ? (strength !== 'required' ? '<span class="mark warn" title="not required">!</span>' : known ? '<span class="mark warn" title="known failure (baseline)">~</span>' : '<span class="mark fail" title="failed">✗</span>')
    : c.passed === 0 ? '<span class="mark muted" title="applied to no case">–</span>' : '<span class="mark pass" title="passed">✓</span>';
  const classes = [extraClass, state].filter((s) => s !== '').join(' ');
  return [
    `<tr${classes === '' ? '' : ` class="${classes}"`}>`,
    `<td>${mark}</td><td>${name}</td><td>${suite}</td><td><span class="badge ${strength}">${text(c.strength)}</span>${c.excluded === undefined ? '' : ` <span class="badge muted" title="${attr(c.excluded)}">excluded</span>`}</td>`,
    `<td class="n">${num(c.cases)}</td><td class="n">${num(c.passed)}</td><td class="n failed">${num(c.failed)}</td><td class="n">${num(c.skipped)}</td>`,
    '</tr>',
  ].join('');
}

function suites(report: RunReport): string {
  if (report.suites.length === 0) return '<section id="suites"><h2>Suites and latency</h2><p class="muted">no suite ran</p></section>';
  const rows = report.suites.map((s) => {
    const failing = report.checks.filter((c) => c.suite === s.suite && c.failed > 0 && c.strength !== 'advisory');
    // A suite whose only failures are known ones (--baseline) is not marked failed, as in the Failures section.
    const onlyKnown = failing.length > 0 && failing.every((c) => c.strength === 'required' && !hasNewFailure(c));
    const mark = s.error !== undefined || (failing.length > 0 && !onlyKnown) ? '<span class="mark fail">✗</span>' : onlyKnown ? '<span class="mark warn" title="known failures only (baseline)">~</span>' : '<span class="mark pass">✓</span>';
    const l = s.latencyMs;
    const notes = [
      s.error === undefined ? '' : `<span class="fail">stopped: ${text(firstLine(s.error))}</span>`,
      s.notice === undefined ? '' : `<span class="warn">stopped early: ${text(firstLine(s.notice))}</span>`,
      ...notRunLines(s).map((line) => `<span class="warn">${text(line)}</span>`),
      s.retries ? `<span class="muted">${count(s.retries, 'throttled or unavailable answer')} retried</span>` : '',
      s.consistencyRetries ? `<span class="muted">${count(s.consistencyRetries, 'read')} repeated for eventual consistency</span>` : '',
    ].filter((n) => n !== '');
    return [
      '<tr>',
      `<td>${mark}</td><td><code>${text(s.suite)}</code><span class="title">${text(s.title)}</span>${notes.length > 0 ? `<br>${notes.join('<br>')}` : ''}</td>`,
      `<td class="n">${num(s.cases)}</td><td class="n">${num(s.requests)}</td><td class="n">${esc(duration(s.durationMs))}</td>`,
      `<td class="n">${esc(duration(l.p50))}</td><td class="n">${esc(duration(l.p90))}</td><td class="n">${esc(duration(l.p99))}</td><td class="n">${esc(duration(l.max))}</td>`,
      '</tr>',
    ].join('');
  });
  return [
    '<section id="suites">',
    '<h2>Suites and latency</h2>',
    '<table>',
    '<thead><tr><th></th><th>suite</th><th class="n">cases</th><th class="n">requests</th><th class="n">duration</th><th class="n">p50</th><th class="n">p90</th><th class="n">p99</th><th class="n">max</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
    '<h3>Request latency per suite <span class="muted">requests per bucket; a bucket is labelled with its upper bound in ms; hover a bar for its range</span></h3>',
    `<div class="suites-grid">${report.suites.map(histogram).join('\n')}</div>`,
    '</section>',
  ].join('\n');
}

function histogram(s: SuiteSummary): string {
  const chart = s.latencyHistogram === undefined ? '<p class="muted">no histogram recorded</p>' : latencyChart(s.latencyHistogram, s.suite);
  const facts = `${count(s.requests, 'request')} · p50 ${esc(duration(s.latencyMs.p50))} · p99 ${esc(duration(s.latencyMs.p99))} · max ${esc(duration(s.latencyMs.max))}`;
  return `<figure><figcaption><code>${text(s.suite)}</code> <span class="muted">${facts}</span></figcaption>${chart}</figure>`;
}

function firstLine(value: string): string {
  return String(value).split('\n', 1)[0] ?? '';
}
