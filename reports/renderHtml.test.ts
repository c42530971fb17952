import { describe, expect, it } from 'vitest';
import type { FailureRecord, RunReport, SuiteSummary } from '../src/model/report.ts';
import { defaultOperation } from '../src/spec/index.ts';
import { baselineReport, erroredReport, failingReport, gatedReport, HOSTILE, KNOWN_PRINT, NEW_PRINT, passingReport, sequenceReport } from './_fixtures.ts';
import { finish } from './finish.ts';
import { renderHtml } from './renderHtml.ts';
import { specConstraints } from './specConstraints.ts';

const SPEC = { constraints: specConstraints(defaultOperation()) };

/** Markup a response body might carry to take over the page if it were pasted in unescaped. */
const INJECTION = `</pre></details><script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"><a href='javascript:alert(1)'>`;

/** failingReport() whose first status failure came back with a hostile body, title, header and command. */
function hostileReport(): RunReport {
  const report = failingReport();
  const check = report.checks.find((c) => c.check === 'status.reject-400')!;
  const first = check.failures[0]!;
  const hostile: FailureRecord = {
    ...first,
    caseTitle: `"'><script>alert(1)</script> ${HOSTILE}`,
    message: `got ${INJECTION}`,
    response: { status: 201, headers: { 'content-type': `text/html"><script>alert(3)</script>`, 'x-amzn-requestid': HOSTILE }, body: INJECTION },
    curl: `${first.curl} -H 'x: ${INJECTION}'`,
  };
  check.failures = [hostile, ...check.failures.slice(1)];
  return report;
}

/** The HTML entities esc() writes, undone: what a browser would hand the page's script. */
function unescape(value: string): string {
  return value.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** The coverage table row of one constraint, or undefined. */
function coverageRow(html: string, constraint: string): string | undefined {
  return html.match(new RegExp(`<tr(?: class="extra")?><td><code>${constraint.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}</code></td>(.*?)</tr>`))?.[1];
}

function suiteWith(families: SuiteSummary['families'], extra: Partial<SuiteSummary> = {}): SuiteSummary {
  return { suite: 'rejection', title: 'Invalid requests', cases: 10, requests: 10, durationMs: 100, latencyMs: { p50: 3, p90: 5, p99: 9, max: 12 }, families, ...extra };
}

describe('renderHtml', () => {
  it('escapes hostile report text: the only <script> is the page\'s own, and bodies read as text', () => {
    // Arrange
    const report = hostileReport();

    // Act
    const html = renderHtml(report, SPEC);

    // Assert
    expect(html.match(/<script/gi)).toHaveLength(1);
    expect(html).toMatch(/<script>\n\(\(\) => \{/);
    expect(html).not.toMatch(/<img|<a href='javascript|onerror="window/i);
    expect(html).toContain('&lt;/pre&gt;&lt;/details&gt;&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    // No raw control characters (bar newline) and no bidi override reach the page: they are shown as \uXXXX.
    expect(html).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(html).toContain('\\u0000\\u0001');
    expect(html).toContain('\\u202e');
  });

  it('escapes a tampered report.json too: markup where numbers, strengths and the verdict belong', () => {
    // Arrange: reports are typed, but report.json can be edited or read back from disk.
    const evil = '"><script>alert(1)</script>';
    const base = failingReport();
    const check = base.checks.find((c) => c.failures.length > 0)!;
    const tampered = {
      ...base,
      verdict: evil,
      seed: evil,
      runs: evil,
      totals: { ...base.totals, cases: evil },
      suites: base.suites.map((s) => ({ ...s, cases: evil, latencyHistogram: [{ le: evil, count: 2 }, { le: 8, count: evil }] })),
      checks: [{ ...check, strength: evil, cases: evil, failed: 3, failures: check.failures.map((f) => ({ ...f, seed: evil, response: { status: evil, headers: { [evil]: evil }, body: evil } })) }],
    } as unknown as RunReport;

    // Act
    const html = renderHtml(tampered, SPEC);

    // Assert
    expect(html.match(/<script/gi)).toHaveLength(1);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    // Class names and the verdict come from the tool's own words, never from the report.
    expect(html).toContain('<section class="verdict v-error" aria-label="verdict"><div class="word">ERROR</div>');
    expect(html).toContain('<span class="badge unknown">&quot;&gt;&lt;script&gt;');
  });

  it('allows only its own style and script, by hash, and loads nothing', () => {
    const html = renderHtml(failingReport(), SPEC);
    const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1];

    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; script-src 'sha256-[A-Za-z0-9+/=]+'/);
    // Nothing the browser would fetch: no src, no href but in-page anchors, no <link>, no CSS url() or @import.
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*(?!["']?#)/i);
    expect(html).not.toMatch(/<link\b|url\(|@import/i);
  });

  it('shows each failure as a <details> with its reason, exchange, curl and replay, and copy buttons for the exact commands', () => {
    // Arrange
    const report = hostileReport();
    const plain = report.checks.find((c) => c.check === 'status.reject-400')!.failures[1]!;
    const hostile = report.checks.find((c) => c.check === 'status.reject-400')!.failures[0]!;

    // Act
    const html = renderHtml(report, SPEC);

    // Assert
    const details = html.match(/<details class="failure required" id="f-7c2e91a1">[\s\S]*?<\/details>/)?.[0] ?? '';
    expect(details).toContain('<summary>');
    for (const piece of [plain.message, 'POST', plain.request.url, 'shrunk', plain.id, 'seed <code>987654</code>']) expect(details).toContain(piece);
    expect(unescape(details)).toContain(plain.curl);
    expect(unescape(details)).toContain(plain.replay);
    expect(details).toContain('&quot;status&quot;: 400');
    // The copy buttons carry the exact command as JSON, even the hostile one with quotes and markup.
    const copies = [...html.matchAll(/data-copy="([^"]*)"/g)].map((m) => JSON.parse(unescape(m[1]!)) as string);
    expect(copies).toContain(plain.curl);
    expect(copies).toContain(plain.replay);
    expect(copies).toContain(hostile.curl);
  });

  it('shows a transport failure, advisory findings apart from failures, and run errors', () => {
    const failing = renderHtml(failingReport(), SPEC);
    const errored = renderHtml(erroredReport(), SPEC);

    expect(failing).toContain('<b>timeout</b> after 5.00s: Headers Timeout Error (UND_ERR_HEADERS_TIMEOUT)');
    const advisory = failing.slice(failing.indexOf('<section id="advisory">'));
    expect(advisory).toContain('proxy number +13125550150 is not in area code 206');
    expect(failing.slice(0, failing.indexOf('<section id="advisory">'))).not.toContain('proxy number +13125550150');
    expect(errored).toContain('<section id="errors"');
    expect(errored).toContain('deadline of 600 s reached');
  });

  it('states the verdict and what its exit code means', () => {
    expect(renderHtml(passingReport())).toMatch(/<div class="word">PASS<\/div>.*Every required check holds.*Exit code 0/);
    expect(renderHtml(failingReport())).toMatch(/<div class="word">FAIL<\/div><div><div class="what">3 required checks failed: .*Exit code 1: the endpoint does not conform/);
    expect(renderHtml(erroredReport())).toMatch(/<div class="word">ERROR<\/div>.*The run could not complete: .*Exit code 2/);
    expect(renderHtml(failingReport())).toContain('1 opt-in check failed too');
  });

  it('marks spec constraints no case exercised, and matches list positions and list-level covers to the item rows', () => {
    // Arrange
    const report: RunReport = {
      ...passingReport(),
      suites: [
        suiteWith([
          { id: 'reject.pn-0', title: 'first number breaks the pattern', kind: 'reject', covers: '/ParticipantPhoneNumbers/0#pattern', cases: 3, failed: 0 },
          { id: 'reject.pn-1', title: 'second number breaks the pattern', kind: 'reject', covers: '/ParticipantPhoneNumbers/1#pattern', cases: 3, failed: 2 },
          { id: 'accept.cap', title: 'Capabilities = [SMS]', kind: 'accept', covers: '/Capabilities#enum', cases: 4, failed: 0 },
          { id: 'reject.range-never-ran', title: 'ran no case', kind: 'reject', covers: '/ExpiryMinutes#range', cases: 0, failed: 0 },
          { id: 'reject.type', title: 'ExpiryMinutes is a string', kind: 'reject', covers: '/ExpiryMinutes#type', cases: 2, failed: 0 },
          { id: 'unspecified.x', title: 'not a constraint', kind: 'unspecified', cases: 2, failed: 0 },
        ]),
      ],
    };

    // Act
    const html = renderHtml(report, SPEC);

    // Assert
    for (const constraint of SPEC.constraints) expect(coverageRow(html, constraint), constraint).toBeDefined();
    expect(coverageRow(html, '/ExpiryMinutes#range')).toBe('<td class="gap">✗ not exercised</td><td class="gap">✗ not exercised</td>');
    expect(coverageRow(html, '/ParticipantPhoneNumbers/*#pattern')).toMatch(/<td class="bad"[^>]*>✗ 6 cases <span class="muted">in 2 families<\/span>, 2 failed<\/td>$/);
    expect(coverageRow(html, '/Capabilities/*#enum')).toMatch(/^<td class="ok"[^>]*>✓ 4 cases/);
    expect(coverageRow(html, '/Capabilities#required')).toMatch(/^<td class="muted"[^>]*>n\/a<\/td><td class="gap">/);
    expect(coverageRow(html, '/ExpiryMinutes#type')).toMatch(/n\/a.*✓ 2 cases/);
    expect(html).toContain(`${SPEC.constraints.length - 2} constraints not exercised at all`);
  });

  it('says when the report holds one shard, or was merged from shards with one missing', () => {
    expect(renderHtml({ ...passingReport(), shard: { index: 2, count: 3 } })).toContain('<dt>Shard</dt><dd>2 of 3 ');
    expect(renderHtml({ ...passingReport(), mergedShards: { count: 3, indexes: [1, 3] } })).toMatch(/<dt>Merged<\/dt><dd>shards 1, 3 of 3 <span class="warn">· 1 shard missing/);
  });

  it('says when no spec constraint list was given', () => {
    const html = renderHtml(passingReport());

    expect(html).toContain('No list of the spec');
    expect(html).toContain('constraints was given');
  });

  it('charts each suite\'s latency histogram as inline SVG bars', () => {
    const histogram = [{ le: 1, count: 0 }, { le: 2, count: 0 }, { le: 4, count: 3 }, { le: 8, count: 7 }, { le: 16, count: 0 }, { le: 32, count: 1 }, { le: Number.MAX_SAFE_INTEGER, count: 0 }];
    const report: RunReport = { ...passingReport(), suites: [suiteWith([], { latencyHistogram: histogram })] };

    const html = renderHtml(report, SPEC);

    const svg = html.match(/<svg class="hist"[\s\S]*?<\/svg>/)?.[0] ?? '';
    // From the empty bucket before the first request to the last bucket that holds one.
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(5);
    expect(svg).toContain('<title>7 requests took 4–8 ms</title>');
    expect(svg).toContain('aria-label="rejection: latency of 11 requests, milliseconds per bucket"');
  });

  it('shows a failing sequence as a numbered list of calls, each expandable to its exchange and curl', () => {
    const html = renderHtml(sequenceReport(), SPEC);

    const list = html.match(/<ol class="sequence">(.*?)<\/ol>/s)?.[1] ?? '';
    expect(list.match(/<li>/g)).toHaveLength(3);
    expect(list).toContain('<code>DeleteProxySession ps-41</code> → <span class="status pass">204</span>');
    expect(list).toContain('<code>GetProxySession ps-41</code> → <span class="status fail">200</span> <span class="muted">(read 5 times for eventual consistency)</span> <b class="fail">← fails here</b>');
    expect(list).toContain('curl -sS -i -X DELETE');
    expect(list).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(html).toContain('Failing call');
    expect(html).toContain('4 reads repeated for eventual consistency');
  });

  it('names excluded checks, the family selection and an early stop', () => {
    const html = renderHtml(gatedReport());
    expect(html).toMatch(/<dt>Excluded checks<\/dt><dd><code>error\.shape<\/code> <span class="muted">· excluded by --exclude-check: not judged, cannot fail the run<\/span>/);
    expect(html).toMatch(/<dt>Families<\/dt><dd><code>--family invalid\.Name\.\*<\/code>: 2 families selected, 2 families not selected/);
    expect(html).toContain('<p class="warn">The run stopped early: the time budget was spent (--time-budget 2 s)');
    expect(html).toMatch(/<span class="mark muted" title="excluded by --exclude-check">x<\/span><\/td><td><code>error\.shape<\/code>.*<span class="badge muted" title="excluded by --exclude-check">excluded<\/span>/);
    expect(renderHtml(passingReport())).not.toMatch(/Excluded checks|The run stopped early|<dt>Families/);
  });

  it('marks a known failure as known, apart from the new one the verdict names, and shows the fingerprint of each', () => {
    // Arrange
    const report = baselineReport();

    // Act
    const html = renderHtml(report, SPEC);

    // Assert
    expect(html).toMatch(/<div class="what">1 required check failed: <a href="#[^"]+"><code>status\.reject-400<\/code><\/a> in invalid<\/div>/);
    expect(html).toContain('<h2>Failures <span class="muted">(2 checks, 1 of them known (baseline);');
    expect(html).toMatch(/<span class="mark fail">✗<\/span> <code>status\.reject-400<\/code>/);
    expect(html).toMatch(/<span class="mark warn">~<\/span> <code>error\.shape<\/code>/);
    expect(html).toContain(`<p class="warn">Known failure: the baseline lists its fingerprint <code>${KNOWN_PRINT}</code> (emulator bug #12); it does not fail the run.</p>`);
    // The checks table and the suite row mark the known failure ~, not failed.
    expect(html).toMatch(/<tr class="failing"><td><span class="mark fail" title="failed">✗<\/span><\/td><td><code>status\.reject-400<\/code>/);
    expect(html).toMatch(/<tr class="failing"><td><span class="mark warn" title="known failure \(baseline\)">~<\/span><\/td><td><code>error\.shape<\/code>/);
    expect(html).toContain('<tr class="per-suite failing"><td><span class="mark warn" title="known failure (baseline)">~</span></td><td>error.shape</td><td>invalid</td>');
    expect(html).toContain('<tr class="per-suite failing"><td><span class="mark fail" title="failed">✗</span></td><td>status.reject-400</td><td>invalid</td>');
    expect(html).toContain('<p>1 known failure still fail.</p>');
    // Each example carries its own fingerprint.
    for (const [id, print] of [['f-7c2e91a0', NEW_PRINT], ['f-03bd55e2', KNOWN_PRINT]] as const) {
      const details = html.match(new RegExp(`<details class="failure required" id="${id}">[\\s\\S]*?</details>`))?.[0] ?? '';
      expect(details).toContain(`<div class="k">Fingerprint</div><div class="v"><code>${print}</code>`);
    }
  });

  it('passes a run whose only failure is known, and marks neither it nor its suite failed', () => {
    // Arrange
    const report = baselineReport();
    const knownOnly = finish(report, report.suites, report.checks.filter((c) => c.check === 'error.shape'), [], report.durationMs);

    // Act
    const html = renderHtml(knownOnly, SPEC);

    // Assert
    expect(html).toContain('<div class="word">PASS</div><div><div class="what">Every required check holds, but the known failures of the baseline (1 check).</div>');
    expect(html).toContain('<tr><td><span class="mark warn" title="known failures only (baseline)">~</span></td><td><code>invalid</code>');
    expect(html).not.toContain('<span class="mark fail"');
  });
});
