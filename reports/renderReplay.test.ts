import { describe, expect, it } from 'vitest';
import type { RunReport } from '../src/model/report.ts';
import { failingReport, HOSTILE, passingReport } from './_fixtures.ts';
import { renderReplay } from './renderReplay.ts';

const original = failingReport().checks.find((c) => c.check === 'status.reject-400')!.failures[0]!;

describe('renderReplay', () => {
  it('a reproduced failure: the replayed exchange, how to reproduce it, other failing checks and the verdict', () => {
    const replayed: RunReport = { ...failingReport(), seed: original.seed };
    const text = renderReplay(original, replayed, { color: false, reportDir: 'conformance-report/replay-f-7c2e91a0' });
    expect(text).toMatch(/^ REPLAY  f-7c2e91a0 {2}status\.reject-400/);
    expect(text).toContain('✗ reproduced: expected 400 BadRequestException');
    expect(text).toContain(`request   POST ${original.request.url}`);
    expect(text).toContain('response  201');
    expect(text).toContain(original.replay);
    expect(text).toContain('The replayed case also fails');
    expect(text).toMatch(/✗ error\.shape \(required\)/);
    expect(text).toMatch(/Replay verdict FAIL {2}exit code 1 · report in conformance-report\/replay-f-7c2e91a0\n$/);
  });

  it('a failure that does not happen again: says so, shows the original exchange, verdict pass', () => {
    const text = renderReplay(original, passingReport(), { color: false });
    expect(text).toContain('✓ not reproduced');
    expect(text).toContain('the original failure, for reference:');
    expect(text).toContain(`POST ${original.request.url}`);
    expect(text).not.toContain('also fails');
    expect(text).toMatch(/Replay verdict PASS {2}exit code 0\n$/);
  });

  it('a replay that could not run: its errors, verdict error, and no control character from hostile text', () => {
    const pass = passingReport();
    const broken: RunReport = { ...pass, verdict: 'error', suites: pass.suites.map((s) => ({ ...s, cases: 0 })), totals: { ...pass.totals, cases: 0 }, errors: [`preflight failed: ${HOSTILE}`] };
    const text = renderReplay({ ...original, message: HOSTILE }, broken, { color: false });
    expect(text).toContain('the case did not run');
    expect(text).toContain('✗ preflight failed: ');
    expect(text).toMatch(/Replay verdict ERROR {2}exit code 2/);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });
});
