import { describe, expect, it } from 'vitest';
import { erroredReport, failingReport, gatedReport, passingReport, sequenceReport } from './_fixtures.ts';
import { renderConsole } from './renderConsole.ts';

const ANSI = /\u001b\[[0-9;]*m/g;

/** Lines that may be long: a cut command could not be pasted. */
function isCommand(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.startsWith('curl ') || trimmed.startsWith('npx conformance ');
}

describe('renderConsole', () => {
  it('shows the verdict, each failing check with its example, curl and replay lines', () => {
    // Arrange
    const report = failingReport();
    const failing = report.checks.find((c) => c.check === 'status.reject-400');
    const example = failing?.failures[0];

    // Act
    const out = renderConsole(report, { color: false });

    // Assert
    expect(example).toBeDefined();
    expect(out).toContain(' FAIL  3 required checks failed');
    expect(out).toContain('exit code 1');
    expect(out).toContain('✗ status.reject-400  Requests that break one constraint get 400');
    expect(out).toContain(example?.curl);
    expect(out).toContain(example?.replay);
    expect(out).toContain('id f-7c2e91a0');
    expect(out).toContain('Reproduce:');
    expect(out).toContain('seed 1234567');
    expect(out).toContain('embedded reference emulator');
  });

  it('adds the replay command the CLI gives it under each failure, and nothing without one', () => {
    const report = failingReport();
    const id = report.checks.find((c) => c.check === 'status.reject-400')!.failures[0]!.id;
    const out = renderConsole(report, { color: false, replayCommand: (f) => `npx conformance replay ${f} --report-dir out/x` });
    expect(out).toContain(`  npx conformance replay ${id} --report-dir out/x  # the same, keeping this report`);
    expect(renderConsole(report, { color: false })).not.toContain('npx conformance replay');
  });

  it('names the suites a budget stopped early next to the verdict, and nothing when none did', () => {
    const report = passingReport();
    expect(renderConsole(report, { color: false })).not.toContain('stopped early at a budget');
    report.suites[0]!.notice = 'the session budget is spent (--max-sessions 20): no more sessions were created';
    const out = renderConsole(report, { color: false });
    expect(out).toMatch(new RegExp(`Stopped {3}1 suite stopped early at a budget: ${report.suites[0]!.suite} \\(not a failure; their other cases did not run\\)\n\n {2}.*PASS`));
  });

  it('prints the transport failure instead of a response', () => {
    const out = renderConsole(failingReport(), { color: false });

    expect(out).toContain('transport timeout after 5.00s: Headers Timeout Error (UND_ERR_HEADERS_TIMEOUT)');
  });

  it('uses no ANSI codes without colour, and the same text with them', () => {
    const plain = renderConsole(failingReport(), { color: false });
    const colored = renderConsole(failingReport(), { color: true });

    expect(plain).not.toMatch(ANSI);
    expect(colored).toMatch(ANSI);
    expect(colored.replace(ANSI, '')).toBe(plain);
  });

  it('keeps hostile bytes off the terminal and lines within 160 characters', () => {
    for (const report of [failingReport(), passingReport(), erroredReport()]) {
      for (const verbose of [false, true]) {
        const out = renderConsole(report, { color: false, verbose });
        // Only newlines: no ESC, NUL, CR, C1 controls or bidi overrides from the response bodies.
        expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
        const long = out.split('\n').filter((line) => line.length > 160 && !isCommand(line));
        expect(long).toEqual([]);
      }
    }
  });

  it('bounds bodies to about 2 KB and shows only the relevant headers', () => {
    const out = renderConsole(failingReport(), { color: false });

    expect(out).not.toContain('x'.repeat(2100));
    expect(out).toMatch(/more characters of \d+; the JSON report has it all/);
    expect(out).toContain('x-amzn-errortype: BadRequestException:http://internal.amazon.com/coral/');
    expect(out).toContain('x-amzn-requestid: 6a1f0c9e-0b7d-4f55-9c41-2d0f1c3b8e11');
    expect(out).not.toContain('x-powered-by');
  });

  it('lists advisory findings in their own section, not among the failures', () => {
    const out = renderConsole(failingReport(), { color: false });
    const failures = out.slice(out.indexOf('Failures'), out.indexOf('Advisory'));
    const advisory = out.slice(out.indexOf('Advisory'));

    expect(advisory).toContain('reported, never fails a run');
    expect(advisory).toContain('! invariant.geo-match');
    expect(advisory).toContain('proxy number +13125550150 is not in area code 206');
    expect(failures).not.toContain('invariant.geo-match');
    // A failing opt-in check is shown with its example, labelled, and named beside the verdict.
    expect(failures).toContain('✗ invariant.proxy-numbers-differ-within-session');
    expect(out).toContain('(1 opt-in check failed too; not required by the docs)');
  });

  it('shows the first example only, and every example when verbose', () => {
    const brief = renderConsole(failingReport(), { color: false });
    const verbose = renderConsole(failingReport(), { color: false, verbose: true });

    expect(brief).toContain('+ 1 more example recorded');
    expect(brief).not.toContain('id f-7c2e91a1');
    expect(verbose).toContain('example 2 of 2');
    expect(verbose).toContain('id f-7c2e91a1');
  });

  it('says PASS and exit code 0 for a passing run, with the skipped check marked', () => {
    const out = renderConsole(passingReport(), { color: false });

    expect(out).toContain(' PASS  every required check holds');
    expect(out).toContain('exit code 0');
    expect(out).not.toContain('Failures');
    expect(out).toMatch(/^ {2}- {2}invariant\.geo-match/m);
    expect(out).toContain('6 passed | 1 skipped (of 7: each check counted once per suite it ran in)');
  });

  it('says ERROR with the errors and exit code 2 when the run could not complete', () => {
    const out = renderConsole(erroredReport(), { color: false });

    expect(out).toContain(' ERROR  suite cross crashed: EndpointUnreachableError');
    expect(out).toContain('deadline of 600 s reached');
    expect(out).toContain('exit code 2');
    expect(out).toContain('stopped: suite cross crashed');
  });

  it('counts failing opt-in checks in the verdict when they were made required (strict)', () => {
    const report = failingReport();
    const strict = { ...report, totals: { ...report.totals, failedChecks: report.totals.failedChecks + 1 } };

    expect(renderConsole(strict, { color: false })).toContain(' FAIL  3 required checks and 1 opt-in check (strict) failed  exit code 1');
  });

  it('names an external endpoint as such', () => {
    const out = renderConsole({ ...passingReport(), target: 'external', endpoint: 'https://voice-chime.us-east-1.amazonaws.com' }, { color: false });

    expect(out).toContain('https://voice-chime.us-east-1.amazonaws.com  (external endpoint)');
  });

  it('numbers the calls of a failing sequence, failing one last, and says how often a read was repeated', () => {
    const out = renderConsole(sequenceReport(), { color: false });

    expect(out).toMatch(/sequence  3 calls, shrunk to the shortest that fails\n\s+ 1\. CreateProxySession \+12065550100,\+12065550101 \[Voice\] .* → 201\n\s+POST http/);
    expect(out).toMatch(/ 2\. DeleteProxySession ps-41 → 204\n/);
    expect(out).toMatch(/ 3\. GetProxySession ps-41 → 200 \(read 5 times for eventual consistency\) ← fails here\n/);
    expect(out).toContain('4 reads repeated because it did not yet show an earlier write');
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('names excluded checks, the family selection and why the run stopped early; an excluded check is neither passed nor skipped', () => {
    const out = renderConsole(gatedReport(), { color: false });
    expect(out).toMatch(/^ {2}families {3}--family invalid\.Name\.\*: 2 selected, 2 not selected \(not run; listed in report\.json\)$/m);
    expect(out).toMatch(/^ {2}excluded {3}error\.shape \(excluded by --exclude-check: not judged, cannot fail the run\)$/m);
    expect(out).toMatch(/^ {2}x {2}error\.shape +excluded +required +0 +0 +0 +100 {2}excluded by --exclude-check · Error bodies/m);
    expect(out).toContain('5 passed | 1 skipped | 1 excluded (of 7');
    expect(out).toMatch(/Stopped {3}the run stopped early: the time budget was spent \(--time-budget 2 s\).*\(3 suites did not run all their cases: valid, invalid, cross\)\n\n {2}.*PASS/);
    // Without any of it, none of these lines.
    const plain = renderConsole(passingReport(), { color: false });
    expect(plain).not.toMatch(/families|excluded|stopped early/);
  });
});
