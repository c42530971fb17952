import { describe, expect, it } from 'vitest';
import { baselineReport, erroredReport, failingReport, gatedReport, HOSTILE, KNOWN_PRINT, NEW_PRINT, passingReport } from './_fixtures.ts';
import { escapeData, escapeProperty, githubAnnotations, githubSummary } from './renderGithub.ts';

/** Parses `::error title=T::M` lines back the way the runner does (it unescapes %0A, %0D, %3A, %2C, %25). */
function parseCommands(text: string): { command: string; title: string; message: string }[] {
  const unescape = (s: string) => s.replaceAll('%0A', '\n').replaceAll('%0D', '\r').replaceAll('%3A', ':').replaceAll('%2C', ',').replaceAll('%25', '%');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((line) => {
      const m = /^::(\w+) title=([^:]*)::(.*)$/.exec(line);
      if (!m) throw new Error(`not a workflow command: ${JSON.stringify(line)}`);
      return { command: m[1]!, title: unescape(m[2]!), message: unescape(m[3]!) };
    });
}

describe('githubAnnotations', () => {
  it('prints nothing for a passing run', () => {
    expect(githubAnnotations(passingReport())).toBe('');
  });

  it('prints one ::error per failing required check, with its reason and replay line, and nothing for opt-in or advisory ones', () => {
    const report = failingReport();
    const text = githubAnnotations(report);
    // Every line is one workflow command: no hostile newline can start another one.
    for (const line of text.trimEnd().split('\n')) expect(line).toMatch(/^::error title=[^:]*::/);
    const commands = parseCommands(text);
    const failingRequired = [...new Set(report.checks.filter((c) => c.failed > 0 && c.strength === 'required').map((c) => c.check))];
    expect(commands.map((c) => c.title)).toEqual(failingRequired.map((c) => `conformance: ${c} failed`));
    const status = commands.find((c) => c.title.includes('status.reject-400'))!;
    expect(status.message).toContain('17 of 100 cases fail status.reject-400');
    expect(status.message).toContain('expected 400 BadRequestException');
    expect(status.message).toContain("Replay: npx conformance --endpoint http://127.0.0.1:43817 --voice-connector-id abcdefghijklmnopqrstu1 --family 'invalid/Name#pattern' --seed 987654 --path 12:0:3");
    expect(status.message).toContain('npx conformance replay f-7c2e91a0');
    expect(text).not.toContain('invariant.proxy-numbers-differ-within-session');
    expect(text).not.toContain('invariant.geo-match');
  });

  it('escapes hostile text so that it can neither end the command nor inject one', () => {
    const text = githubAnnotations(failingReport());
    const shape = parseCommands(text).find((c) => c.title.includes('error.shape'))!;
    // The hostile message is in there, its control characters visible, never raw.
    expect(shape.message).toContain('unexpected member "raw"');
    expect(shape.message).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(text).not.toContain('\r');
    expect(text.trimEnd().split('\n')).toHaveLength(parseCommands(text).length);
  });

  it('prints one ::error per run error', () => {
    const commands = parseCommands(githubAnnotations(erroredReport()));
    expect(commands.map((c) => c.title)).toEqual(['conformance: the run could not complete', 'conformance: the run could not complete']);
    expect(commands[0]!.message).toContain('suite cross crashed');
    expect(commands[1]!.message).toBe('deadline of 600 s reached');
  });

  it('escapes data and properties as the GitHub toolkit does', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext%3A a%2C b');
  });
});

describe('githubSummary', () => {
  it('says the verdict, what ran, and a table row per check', () => {
    const summary = githubSummary(passingReport());
    expect(summary).toMatch(/^## ✅ Conformance CreateProxySession: PASS/);
    expect(summary).toContain('seed `1234567`');
    expect(summary).toContain('| | check | suites | strength | cases | passed | failed | skipped |');
    const rows = summary.split('\n').filter((l) => /^\| (✅|❌|⚠️|➖) \|/.test(l));
    expect(rows).toHaveLength(new Set(passingReport().checks.map((c) => c.check)).size);
    expect(summary).not.toContain('### Failures');
  });

  it('lists failing checks first and details each failure with its replay line in a code block', () => {
    const summary = githubSummary(failingReport());
    expect(summary).toMatch(/^## ❌ Conformance CreateProxySession: FAIL/);
    const rows = summary.split('\n').filter((l) => /^\| (✅|❌|⚠️|➖) \|/.test(l));
    expect(rows[0]).toMatch(/^\| ❌ \|/);
    expect(summary).toContain('### Failures');
    expect(summary).toContain("```sh\nnpx conformance --endpoint http://127.0.0.1:43817 --voice-connector-id abcdefghijklmnopqrstu1 --family 'invalid/Name#pattern' --seed 987654 --path 12:0:3\n```");
    expect(summary).toContain('`npx conformance replay f-7c2e91a0`');
    // Advisory findings are in the table, not among the failures.
    expect(summary).not.toMatch(/#### .*invariant\.geo-match/);
  });

  it('keeps hostile text inert: no raw HTML, no control characters, no broken table', () => {
    const report = failingReport();
    const hostile = { ...report, checks: report.checks.map((c, i) => (i === 0 ? { ...c, check: `a|b<script>${HOSTILE}` } : c)) };
    const summary = githubSummary(hostile);
    expect(summary).not.toContain('<script>');
    expect(summary).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(summary).toContain('a\\|b&lt;script&gt;');
    for (const row of summary.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| |'))) {
      // 8 columns: 9 unescaped pipes.
      expect(row.replaceAll('\\|', '').split('|')).toHaveLength(10);
    }
  });

  it('says what could not complete', () => {
    const summary = githubSummary(erroredReport());
    expect(summary).toMatch(/^## ⚠️ Conformance CreateProxySession: ERROR/);
    expect(summary).toContain('### Errors');
    expect(summary).toContain('deadline of 600 s reached');
  });

  it('says the run stopped early, what --family selected, and marks excluded checks', () => {
    const summary = githubSummary(gatedReport());
    expect(summary).toContain('**Stopped early:** the time budget was spent (--time-budget 2 s)');
    expect(summary).toContain('Families: `--family invalid.Name.*` selected 2 families; 2 families not selected (not run).');
    expect(summary).toMatch(/^\| ⊘ \| error\.shape \| excluded by --exclude-check \| required \| 0 \| 0 \| 0 \| 100 \|$/m);
    expect(githubAnnotations(gatedReport())).toMatch(/^::notice title=conformance%3A stopped early::the time budget was spent/m);
  });
});

describe('known failures (--baseline)', () => {
  it('annotates a known failure as a ::notice with its fingerprint and reason, a new one as an ::error with its fingerprint', () => {
    // Arrange
    const report = baselineReport();

    // Act
    const commands = parseCommands(githubAnnotations(report));

    // Assert
    expect(commands.map((c) => [c.command, c.title])).toEqual([
      ['error', 'conformance: status.reject-400 failed'],
      ['notice', 'conformance: error.shape: known failure (baseline)'],
    ]);
    expect(commands[0]!.message.split('\n')).toContain(`fingerprint ${NEW_PRINT}`);
    expect(commands[1]!.message).toBe(`1 of 100 cases fail error.shape; every fingerprint is listed in the baseline: fingerprint ${KNOWN_PRINT} (emulator bug #12).`);
  });

  it('marks a known failure in the summary\'s table and failures, counts it apart, and shows each failure\'s fingerprint', () => {
    // Arrange
    const report = baselineReport();

    // Act
    const summary = githubSummary(report);

    // Assert
    expect(summary).toMatch(/^## ❌ Conformance CreateProxySession: FAIL/);
    expect(summary).toContain(' · 1 of 2 checks failed · 1 known failure (baseline)\n');
    expect(summary).toMatch(/^\| ❌ \| status\.reject-400 \| invalid \|/m);
    expect(summary).toMatch(/^\| 🔁 known \| error\.shape \| invalid \|/m);
    const [, fresh, known] = summary.split(/^#### /m);
    expect(fresh).toMatch(/^❌ status\.reject-400 \(invalid\)/);
    expect(fresh).toContain(`\n- fingerprint \`${NEW_PRINT}\`\n`);
    expect(known).toMatch(/^🔁 error\.shape \(invalid\)/);
    expect(known).toContain(`1 of 100 cases failed (known failure: the baseline lists fingerprint ${KNOWN_PRINT} (emulator bug #12); it does not fail the run).`);
    expect(known).toContain(`\n- fingerprint \`${KNOWN_PRINT}\`\n`);
  });
});
