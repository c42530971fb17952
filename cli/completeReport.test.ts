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

  it('says why when the one family asked for is not run against this endpoint', () => {
    const family = { id: 'reject.PutVoiceConnectorProxy.Disabled.type.a-string', title: 't', kind: 'reject', cases: 0, failed: 0, notRun: 'it changes voice connectors' };
    const notRun = { ...empty, suites: empty.suites.map((s, i) => (i === 0 ? { ...s, families: [family] } : s)) };
    const report = completeReport(pass, notRun, parseCliArgs(['--family', family.id, '--path', '0']), suites);
    expect(report.verdict).toBe('error');
    expect(report.errors).toEqual([`--family ${family.id} is not run against this endpoint: it changes voice connectors`]);
  });

  it('is fine for a shard: its share of the cases may be empty (merge-reports judges the whole run)', () => {
    const report = completeReport(pass, empty, parseCliArgs(['--shard', '7/8']), suites);
    expect(report.verdict).toBe('pass');
    expect(report.errors).toEqual([]);
  });
});
