import { describe, expect, it } from 'vitest';
import { passingReport } from '../reports/_fixtures.ts';
import { completeReport } from './completeReport.ts';
import { parseCliArgs } from './parseCliArgs.ts';

describe('completeReport: a run that tested nothing', () => {
  const pass = passingReport();
  const empty = { ...pass, suites: pass.suites.map((s) => ({ ...s, cases: 0, requests: 0 })), totals: { ...pass.totals, cases: 0, requests: 0 } };
  const suites = pass.suites.map((s) => s.suite);

  it('is an error for a whole run', () => {
    const report = completeReport(pass, empty, parseCliArgs([]), suites);
    expect(report.verdict).toBe('error');
    expect(report.errors).toEqual(['no case ran, so nothing was tested']);
  });

  it('is fine for a shard: its share of the cases may be empty (merge-reports judges the whole run)', () => {
    const report = completeReport(pass, empty, parseCliArgs(['--shard', '7/8']), suites);
    expect(report.verdict).toBe('pass');
    expect(report.errors).toEqual([]);
  });
});
