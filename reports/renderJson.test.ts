import { describe, expect, it } from 'vitest';
import { erroredReport, failingReport, HOSTILE, passingReport } from './_fixtures.ts';
import { renderJson } from './renderJson.ts';

describe('renderJson', () => {
  it('round-trips every fixture, hostile strings included', () => {
    for (const report of [passingReport(), failingReport(), erroredReport()]) {
      const { schemaVersion, ...rest } = JSON.parse(renderJson(report)) as { schemaVersion: number };

      expect(schemaVersion).toBe(1);
      expect(rest).toEqual(report);
    }
    expect(renderJson(failingReport())).toContain(JSON.stringify(HOSTILE).slice(1, -1));
  });

  it('puts schemaVersion first and ends with a newline', () => {
    const out = renderJson(passingReport());

    expect(Object.keys(JSON.parse(out) as object)[0]).toBe('schemaVersion');
    expect(out.startsWith('{\n  "schemaVersion": 1,\n')).toBe(true);
    expect(out.endsWith('}\n')).toBe(true);
  });
});
