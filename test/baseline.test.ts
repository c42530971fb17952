import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { RunReport } from '../checks/index.ts';
import { hasNewFailure } from '../reports/finish.ts';
import { startEmulator, type FaultName, type RunningEmulator } from '../emulator/index.ts';
import { spawnCli } from './support/spawnCli.ts';

/**
 * Known failures as a CI job adopts them: a run against a partly conformant endpoint writes its failures
 * into a baseline; later runs, with other seeds, pass while only those fail, fail on anything new, and
 * say which entries the endpoint no longer fails.
 */
const FIRST: FaultName = 'wrong-error-type';
const SECOND: FaultName = 'success-200';

const emulators: Partial<Record<'first' | 'both' | 'second' | 'none', RunningEmulator>> = {};
beforeAll(async () => {
  [emulators.first, emulators.both, emulators.second, emulators.none] = await Promise.all([
    startEmulator({ faults: [FIRST] }),
    startEmulator({ faults: [FIRST, SECOND] }),
    startEmulator({ faults: [SECOND] }),
    startEmulator({}),
  ]);
});
afterAll(() => Promise.all(Object.values(emulators).map((e) => e.close())));

const dir = mkdtempSync(join(tmpdir(), 'conformance-baseline-'));
const file = join(dir, 'baseline.yaml');

async function run(target: RunningEmulator, seed: number, extra: string[]): Promise<{ code: number | null; report: RunReport; stdout: string }> {
  const reportDir = mkdtempSync(join(dir, 'report-'));
  // The two suites the faults are caught in (rejection: the error names; acceptance: the status of a create), once each.
  const result = await spawnCli(['--endpoint', target.url, '--voice-connector-id', target.voiceConnectorId!, '--seed', String(seed), '--suite', 'acceptance', '--suite', 'rejection', '--runs', '1', '--report-dir', reportDir, ...extra]);
  return { code: result.code, stdout: result.stdout, report: JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as RunReport };
}

const newlyFailing = (report: RunReport) => new Set(report.checks.filter((c) => c.strength === 'required' && hasNewFailure(c)).map((c) => c.check));

describe('--baseline and --update-baseline', () => {
  it('writes the failures of a faulty endpoint, then judges later runs against them', async () => {
    // 1. The fault, --update-baseline: the file lists every failure and the run passes against it.
    const written = await run(emulators.first!, 1, ['--baseline', file, '--update-baseline']);
    expect(written.code, written.stdout.slice(-2000)).toBe(0);
    const entries = (parse(readFileSync(file, 'utf8')) as { known: { fingerprint: string; check: string }[] }).known;
    expect(entries.length).toBeGreaterThan(0);
    expect(new Set(entries.map((e) => e.check))).toContain('error-name');
    expect(written.report.baseline?.updated).toBe(true);

    // A reason written by hand survives the next update.
    writeFileSync(file, readFileSync(file, 'utf8').replace(`fingerprint: ${entries[0]!.fingerprint}`, `fingerprint: ${entries[0]!.fingerprint}\n    reason: tracked upstream`));

    // 2. The same fault, another seed: exit 0; the known failures are reported as such.
    const again = await run(emulators.first!, 2, ['--baseline', file]);
    expect(again.code, again.stdout.slice(-3000)).toBe(0);
    expect(again.report.verdict).toBe('pass');
    expect(again.report.totals.knownFailures).toBeGreaterThan(0);
    expect(again.stdout).toContain('known failure');

    // 3. A second fault beside it: exit 1, and only the second fault's checks fail as new.
    const [alone, both] = await Promise.all([run(emulators.second!, 3, []), run(emulators.both!, 3, ['--baseline', file])]);
    expect(both.code).toBe(1);
    const fresh = newlyFailing(both.report);
    expect(fresh.size).toBeGreaterThan(0);
    for (const check of fresh) expect(newlyFailing(alone.report), `${check} fails as new, but the second fault alone does not fail it`).toContain(check);

    // 4. The unbroken endpoint: passes and lists the entries as fixed.
    const clean = await run(emulators.none!, 4, ['--baseline', file]);
    expect(clean.code).toBe(0);
    expect(clean.report.baseline?.fixed.length).toBeGreaterThan(0);
    expect(clean.stdout).toContain('remove from the baseline');

    // --update-baseline again on the first fault keeps the reason written by hand.
    await run(emulators.first!, 5, ['--baseline', file, '--update-baseline']);
    expect(readFileSync(file, 'utf8')).toContain('reason: tracked upstream');
  }, 240_000);

  it('the fingerprint of a failure does not depend on the seed: two seeds, the same fingerprints', async () => {
    const [a, b] = await Promise.all([run(emulators.first!, 11, []), run(emulators.first!, 12, [])]);
    const prints = (r: RunReport) => new Set(r.checks.filter((c) => c.check === 'error-name').flatMap((c) => (c.fingerprints ?? []).map((f) => f.fingerprint)));
    expect([...prints(a.report)].sort()).toEqual([...prints(b.report)].sort());
    // Every example names its fingerprint, and it is one of the check's.
    for (const c of a.report.checks) for (const f of c.failures) expect((c.fingerprints ?? []).map((p) => p.fingerprint)).toContain(f.fingerprint);
  });

  it('a baseline that is not one is a usage error naming the file (exit 2)', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'known:\n  - fingerprint: nothex\n');
    const result = await spawnCli(['--baseline', bad, '--runs', '1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--baseline ${bad}`);
  });
});
