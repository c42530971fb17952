import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configArgs } from './configArgs.ts';
import { parseCliArgs } from './parseCliArgs.ts';

describe('the flags of a CI gate: --exclude-check, --include-check, --max-failures, --time-budget, --family GLOB', () => {
  it('parses them, repeatable where they take ids', () => {
    const cli = parseCliArgs(['--exclude-check', 'request-id', '--exclude-check', 'status-code', '--include-check', 'transport', '--max-failures', '3', '--time-budget', '30', '--family', 'reject.Name.*']);
    expect(cli).toMatchObject({ excludeChecks: ['request-id', 'status-code'], includeChecks: ['transport'], maxFailures: 3, timeBudgetSeconds: 30, family: 'reject.Name.*' });
    expect(parseCliArgs([])).not.toHaveProperty('maxFailures');
    expect(parseCliArgs([])).not.toHaveProperty('timeBudgetSeconds');
  });

  it('refuses bad numbers, a time budget not below the deadline, and a glob with --path', () => {
    expect(() => parseCliArgs(['--max-failures', '0'])).toThrow(/--max-failures must be a whole number from 1/);
    expect(() => parseCliArgs(['--time-budget', '2.5'])).toThrow(/--time-budget must be a whole number/);
    expect(() => parseCliArgs(['--time-budget', '600'])).toThrow(/--time-budget 600 must be less than --deadline \(600 s\), the hard stop/);
    expect(parseCliArgs(['--time-budget', '600', '--deadline', '900'])).toMatchObject({ timeBudgetSeconds: 600, deadlineSeconds: 900 });
    expect(() => parseCliArgs(['--family', 'accept.*', '--path', '1'])).toThrow(/--family "accept\.\*" is a pattern; with --path it must be the one family id/);
    expect(parseCliArgs(['--family', 'accept.random', '--path', '1'])).toMatchObject({ family: 'accept.random', path: '1' });
  });

  it('have config-file twins named like the flags; a bad one names the file and the key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-config-'));
    writeFileSync(join(dir, 'conformance.config.yaml'), 'exclude-check: [request-id, error-type-header]\ninclude-check: [status-code]\nmax-failures: 5\ntime-budget: 120\nfamily: "reject.*"\n');
    const argv = ['--max-failures', '1'];
    expect(parseCliArgs([...configArgs(argv, dir), ...argv])).toMatchObject({ excludeChecks: ['request-id', 'error-type-header'], includeChecks: ['status-code'], maxFailures: 1, timeBudgetSeconds: 120, family: 'reject.*' });
    const bad = mkdtempSync(join(tmpdir(), 'conformance-config-'));
    writeFileSync(join(bad, 'conformance.config.yaml'), 'time-budget: 9000\n');
    expect(() => configArgs([], bad)).toThrow(/conformance\.config\.yaml: time-budget: --time-budget 9000 must be less than --deadline/);
  });
});
