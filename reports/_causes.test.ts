import { describe, expect, it } from 'vitest';
import type { CheckSummary, FailureFingerprint, RunReport } from '../src/model/report.ts';
import { failureCauses } from './_causes.ts';
import { failingReport } from './_fixtures.ts';
import { renderConsole } from './renderConsole.ts';
import { renderHtml } from './renderHtml.ts';

/**
 * Root causes first: checks that fail with the same answer on much the same families are one reason, and
 * the console and the HTML report open with those reasons before the per-check detail.
 */
const WRONG_FORMAT = '400 BadRequest text/plain';

function print(check: string, family: string, answer: string, extra: Partial<FailureFingerprint> = {}): FailureFingerprint {
  return { check, operation: 'CreateProxySession', family, answer, fingerprint: `${check}-${family}`.replace(/\W/g, '').slice(0, 12).padEnd(12, '0'), cases: 4, ...extra };
}

/** failingReport's checks, fingerprinted: three error checks fail with one wrong format, status-code with another answer. */
function reportWithCauses(): RunReport {
  const report = failingReport();
  const families = ['reject.Name.pattern', 'reject.Name.length', 'reject.ExpiryMinutes.range'];
  const failing = (base: CheckSummary, check: string, answer: string, known = false): CheckSummary => ({
    ...base,
    check,
    strength: 'required',
    failed: 12,
    fingerprints: families.map((f) => print(check, f, answer, known ? { known: { match: 'fingerprint' } } : {})),
  });
  const shape = report.checks.find((c) => c.check === 'error.shape')!;
  const status = report.checks.find((c) => c.check === 'status.reject-400')!;
  const checks = [
    failing(shape, 'error-contract', WRONG_FORMAT),
    failing(shape, 'error-name', WRONG_FORMAT),
    failing(shape, 'error-type-header', WRONG_FORMAT),
    failing(status, 'status-code', '200 application/json'),
    // Known (the baseline lists it): last, and marked.
    failing(status, 'request-id', '201 application/json', true),
    // Advisory findings are no cause of a failing run.
    { ...failing(status, 'geo-match', '201 application/json'), strength: 'advisory' as const },
  ];
  return { ...report, checks };
}

describe('failure causes', () => {
  it('groups checks failing with the same answer on the same families, largest first, known last, advisory never', () => {
    const found = failureCauses(reportWithCauses().checks);
    expect(found.map((c) => ({ answer: c.answer, checks: [...c.checks].sort(), known: c.known }))).toEqual([
      { answer: WRONG_FORMAT, checks: ['error-contract', 'error-name', 'error-type-header'], known: false },
      { answer: '200 application/json', checks: ['status-code'], known: false },
      { answer: '201 application/json', checks: ['request-id'], known: true },
    ]);
    expect(found[0]).toMatchObject({ families: 3, cases: 36 });
  });

  it('the console opens with them, before the per-check tables and the failures', () => {
    const out = renderConsole(reportWithCauses(), { color: false });
    const causes = out.indexOf('Causes  5 checks fail for 3 reasons');
    expect(causes).toBeGreaterThan(0);
    expect(out).toContain(`✗ 3 checks on 36 cases in 3 families answered ${WRONG_FORMAT}`);
    expect(out).toContain('~ 1 check on 12 cases in 3 families answered 201 application/json (known)');
    // Before the first per-check row and before the failing examples.
    expect(causes).toBeLessThan(out.search(/^ +check +suite +strength/m));
    expect(causes).toBeLessThan(out.indexOf('Reproduce:'));
  });

  it('the HTML report opens with them, before the checks', () => {
    const html = renderHtml(reportWithCauses());
    const causes = html.indexOf('<section id="causes">');
    expect(causes).toBeGreaterThan(0);
    expect(html.slice(causes, html.indexOf('</section>', causes))).toContain('5 checks fail for 3 reasons');
    expect(causes).toBeLessThan(html.indexOf('<section id="checks">'));
    expect(causes).toBeLessThan(html.indexOf('<section id="failures">'));
  });

  it('a run without failures has no causes section', () => {
    const report = { ...reportWithCauses(), checks: reportWithCauses().checks.map((c) => ({ ...c, failed: 0, fingerprints: [] })) };
    expect(renderConsole(report, { color: false })).not.toContain('Causes');
    expect(renderHtml(report)).not.toContain('<section id="causes">');
  });
});
