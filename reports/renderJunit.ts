import type { CheckSummary, FailureRecord, RunReport, SuiteSummary } from '../src/model/report.ts';
import { failureLines } from './_failureLines.ts';
import { hasNewFailure } from './finish.ts';
import { notRunLines } from './_notRun.ts';
import { LINE_WIDTH, paint, plural, truncate, visible } from './_format.ts';

/**
 * A finished run as JUnit XML for CI test tabs: one <testsuite> per suite, one <testcase> per check summary.
 * Failing required and opt-in checks get a <failure> with every recorded example (reason, exchange, curl,
 * replay); advisory findings go to <system-out> and never fail; tool errors become <error>s in a
 * `conformance.run` suite. Pure: formats, never runs.
 */
export function renderJunit(report: RunReport): string {
  const properties = runProperties(report);
  const suites = suiteNames(report).map((name) => testsuite(report, name, properties));
  if (report.errors.length > 0) suites.push(runErrors(report, properties));

  const counts = suites.reduce(
    (sum, s) => ({ tests: sum.tests + s.tests, failures: sum.failures + s.failures, errors: sum.errors + s.errors, skipped: sum.skipped + s.skipped }),
    { tests: 0, failures: 0, errors: 0, skipped: 0 },
  );
  const root = attrs({
    name: `${report.tool.name} ${report.operation}`,
    ...counts,
    time: seconds(report.durationMs),
    timestamp: report.startedAt,
  });
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${root}>`, ...suites.flatMap((s) => s.xml), '</testsuites>', ''].join('\n');
}

// --- internal ---

interface RenderedSuite {
  xml: string[];
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/** Suites in report order, then any suite a check names that the suite list lacks (nothing is dropped). */
function suiteNames(report: RunReport): string[] {
  const names = report.suites.map((s) => s.suite);
  for (const c of report.checks) if (!names.includes(c.suite)) names.push(c.suite);
  return names;
}

function runProperties(report: RunReport): string[] {
  const props: Array<[string, string | number]> = [
    ['seed', report.seed],
    ['endpoint', report.endpoint],
    ['runs', report.runs],
    ['target', report.target],
    ['voiceConnectorId', report.voiceConnectorId],
    ['operation', report.operation],
    ['tool', `${report.tool.name} ${report.tool.version}`],
    ['verdict', report.verdict],
  ];
  if (report.stoppedEarly !== undefined) props.push(['stoppedEarly', report.stoppedEarly.message]);
  if (report.familySelection !== undefined) {
    props.push(['family', report.familySelection.pattern], ['familiesSelected', report.familySelection.selected.length], ['familiesNotSelected', report.familySelection.notSelected.length]);
  }
  return ['    <properties>', ...props.map(([name, value]) => `      <property${attrs({ name, value })}/>`), '    </properties>'];
}

function testsuite(report: RunReport, name: string, properties: string[]): RenderedSuite {
  const summary: SuiteSummary | undefined = report.suites.find((s) => s.suite === name);
  const checks = report.checks.filter((c) => c.suite === name);
  const cases = checks.map(testcase);
  const failures = cases.filter((c) => c.outcome === 'failure').length;
  const skipped = cases.filter((c) => c.outcome === 'skipped').length;
  const head = attrs({
    name,
    tests: checks.length,
    failures,
    errors: 0,
    skipped,
    time: seconds(summary?.durationMs ?? 0),
    timestamp: report.startedAt,
  });
  const xml = [`  <testsuite${head}>`, ...properties, ...cases.flatMap((c) => c.xml)];
  if (summary !== undefined) {
    const l = summary.latencyMs;
    const stats = `${summary.title}: ${plural(summary.cases, 'case')}, ${plural(summary.requests, 'request')}; latency ms p50 ${l.p50} p90 ${l.p90} p99 ${l.p99} max ${l.max}`;
    const notice = summary.notice === undefined ? [] : [`stopped early: ${summary.notice}`];
    xml.push(`    <system-out>${text([stats, ...notice, ...notRunLines(summary)].join('\n'))}</system-out>`);
    // A crashed suite is also one of report.errors, which become <error>s in conformance.run; here it is
    // only kept as context, so CI does not count one crash twice.
    if (summary.error !== undefined) xml.push(`    <system-err>${text(summary.error)}</system-err>`);
  }
  xml.push('  </testsuite>');
  return { xml, tests: checks.length, failures, errors: 0, skipped };
}

function testcase(c: CheckSummary): { xml: string[]; outcome: 'passed' | 'failure' | 'skipped' } {
  // Checks are evaluated over the same exchanges, so the report does not time them one by one; the
  // suite's time is the real one, and inventing a share per check would mislead duration dashboards.
  const open = `    <testcase${attrs({ classname: `conformance.${c.suite}.${c.concern}`, name: `${c.check}: ${c.title}`, time: seconds(0) })}`;
  const tally = `${plural(c.cases, 'case')}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`;

  // Not judged by the run's choice: a skip that says so, never a pass or a missing testcase.
  if (c.excluded !== undefined) return { xml: [`${open}>`, `      <skipped${attrs({ message: c.excluded })}/>`, '    </testcase>'], outcome: 'skipped' };

  // A known failure (every fingerprint in the baseline) is reported as skipped: CI dashboards show it, apart
  // from new failures, without failing the build.
  if (c.failed > 0 && c.strength === 'required' && !hasNewFailure(c)) {
    // Each with the baseline's reason, as the other formats give it.
    const prints = c.fingerprints!.map((f) => `${f.fingerprint}${f.known?.reason === undefined ? '' : ` (${f.known.reason})`}`).join(', ');
    const skipped = `      <skipped${attrs({ message: truncate(`known failure (baseline): ${c.failed} of ${plural(c.cases, 'case')} failed; fingerprints ${prints}`, 500) })}>${text([`known failure, listed in the baseline. ${tally}`, '', ...examples(c.failures)].join('\n'))}</skipped>`;
    return { xml: [`${open}>`, skipped, '    </testcase>'], outcome: 'skipped' };
  }
  if (c.failed > 0 && c.strength === 'required') {
    const first = c.failures[0];
    const message = `${c.failed} of ${plural(c.cases, 'case')} failed${first === undefined ? '' : `: ${first.message}`}`;
    const body = [`${c.strength} check, ${tally}`, '', ...examples(c.failures)].join('\n');
    const failure = `      <failure${attrs({ message: truncate(visible(message), 500), type: c.check })}>${text(body)}</failure>`;
    return { xml: [`${open}>`, failure, '    </testcase>'], outcome: 'failure' };
  }
  if (c.failed > 0) {
    const why = c.strength === 'opt-in' ? 'opt-in: fails a run only with --strict' : 'advisory: reported, never fails a run';
    const body = [`${why}. ${tally}`, '', ...examples(c.failures)].join('\n');
    return { xml: [`${open}>`, `      <system-out>${text(body)}</system-out>`, '    </testcase>'], outcome: 'passed' };
  }
  if (c.passed === 0) {
    const skipped = `      <skipped${attrs({ message: `applied to no case of this run (${c.skipped} skipped)` })}/>`;
    return { xml: [`${open}>`, skipped, '    </testcase>'], outcome: 'skipped' };
  }
  return { xml: [`${open}/>`], outcome: 'passed' };
}

function examples(failures: FailureRecord[]): string[] {
  const p = paint(false);
  return failures.flatMap((f, i) => [
    `--- example ${i + 1} of ${failures.length} ---`,
    ...failureLines(f, p, LINE_WIDTH),
    '',
  ]);
}

function runErrors(report: RunReport, properties: string[]): RenderedSuite {
  const cases = report.errors.flatMap((error, i) => {
    const firstLine = error.split('\n', 1)[0] ?? '';
    return [
      `    <testcase${attrs({ classname: 'conformance.run', name: `error ${i + 1}: ${truncate(visible(firstLine), 200)}`, time: seconds(0) })}>`,
      `      <error${attrs({ message: truncate(visible(firstLine), 500), type: 'conformance.run' })}>${text(error)}</error>`,
      '    </testcase>',
    ];
  });
  const head = attrs({ name: 'conformance.run', tests: report.errors.length, failures: 0, errors: report.errors.length, skipped: 0, time: seconds(0), timestamp: report.startedAt });
  return { xml: [`  <testsuite${head}>`, ...properties, ...cases, '  </testsuite>'], tests: report.errors.length, failures: 0, errors: report.errors.length, skipped: 0 };
}

function seconds(ms: number): string {
  return Number.isFinite(ms) && ms > 0 ? (ms / 1000).toFixed(3) : '0.000';
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${attr(String(value))}"`)
    .join('');
}

/**
 * XML 1.0 allows only TAB, LF, CR and U+0020..U+D7FF, U+E000..U+FFFD, U+10000..U+10FFFF (section 2.2,
 * production [2]); even `&#0;` is illegal. Response bodies are hostile, so anything else (NUL, ESC,
 * lone surrogates, U+FFFE) is replaced by a visible `\uXXXX` rather than silently dropped.
 */
function legal(value: string): string {
  return value.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, (ch) => {
    return `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
  });
}

/** Character data: `>` is escaped too so a body holding `]]>` stays well-formed; CR as a reference survives parsing. */
function text(value: string): string {
  return legal(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Attribute values: quotes escaped, and TAB/LF/CR as references because parsers normalise them to spaces. */
function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}
