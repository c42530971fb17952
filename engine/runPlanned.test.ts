import { describe, expect, it } from 'vitest';
import { defaultOperation } from '../src/spec/index.ts';
import { localRunOptions } from './localRunOptions.ts';
import { createRunContext } from './runContext.ts';
import { runPlanned, type Outcome, type PlannedFamily } from './runPlanned.ts';
import type { RunOptions, SuiteGroup } from './types.ts';

const group: SuiteGroup = { id: 'test', title: 'test', familyPrefix: 'test.', families: () => [] };
const family: PlannedFamily = { id: 'test.family', title: 'a family', kind: 'accept' };
const check = { id: 'status-code', title: 'status', concern: 'status' as const, strength: 'required' as const };

/** A driver of `count` units that pass, and whose unit `throwAt` throws. */
function driver(count: number, throwAt: number, started: number[]) {
  return {
    families: [family],
    checks: [check],
    width: 4,
    giveUp: { after: 100, says: (why: string) => why },
    plan: () => Array.from({ length: count }, (_, index) => ({ family, index, seed: 1, value: index })),
    count: () => count,
    async run(unit: { value: number }): Promise<Outcome> {
      started.push(unit.value);
      await new Promise((r) => setTimeout(r, 5));
      if (unit.value === throwAt) throw new Error('the journal could not be written');
      return { failures: [], looked: new Set([check.id]), latencies: [1] };
    },
    shape: (unit: { value: number }, _outcome: Outcome, failure: { check: string }) => ({ check: failure.check, operation: 'Op', family: family.id, answer: unit.value % 2 === 0 ? '500' : '400' }),
    records: async () => [],
  };
}

describe('runPlanned: the one loop of every suite', () => {
  const context = () => createRunContext(defaultOperation(), localRunOptions({ url: 'http://127.0.0.1:9', voiceConnectorId: 'c' }));

  it('judges every unit and counts what each check judged', async () => {
    const started: number[] = [];
    const ctx = context();
    const result = await runPlanned(ctx, group, driver(20, -1, started)).finally(() => ctx.close());
    expect(result.suite.cases).toBe(20);
    expect(result.checks[0]).toMatchObject({ check: 'status-code', cases: 20, passed: 20, failed: 0 });
    expect(result.suite.families).toEqual([expect.objectContaining({ id: 'test.family', cases: 20, failed: 0 })]);
  });

  it('fingerprints every failing unit by its shape: one entry per distinct shape, counted, whatever the order', async () => {
    const base = driver(30, -1, []);
    const failing = {
      ...base,
      // Every third unit fails; even ones answer 500, odd ones 400: two shapes, five units each.
      async run(unit: { value: number }): Promise<Outcome> {
        await new Promise((r) => setTimeout(r, (unit.value * 7) % 5));
        return { failures: unit.value % 3 === 0 ? [{ check: check.id, path: 'status', expected: 400, actual: 500, message: 'x' }] : [], looked: new Set([check.id]), latencies: [1] };
      },
    };
    const ctx = context();
    const result = await runPlanned(ctx, group, failing).finally(() => ctx.close());
    const prints = result.checks[0]!.fingerprints!;
    expect(prints.map((p) => [p.answer, p.cases]).sort()).toEqual([['400', 5], ['500', 5]]);
    expect(new Set(prints.map((p) => p.fingerprint)).size).toBe(2);
    expect(prints.every((p) => /^[0-9a-f]{12}$/.test(p.fingerprint))).toBe(true);
  });

  it('--reruns: each kept failing example runs again and is labelled (reproducible when it fails every time)', async () => {
    const started: number[] = [];
    const base = driver(6, -1, started);
    const failing = {
      ...base,
      async run(unit: { value: number }): Promise<Outcome> {
        started.push(unit.value);
        return { failures: unit.value === 2 ? [{ check: check.id, path: 'status', expected: 400, actual: 500, message: 'x' }] : [], looked: new Set([check.id]), latencies: [1] };
      },
      records: async (_c: unknown, kept: readonly unknown[]) => kept.map(() => ({}) as never),
    };
    const ctx = context();
    const result = await runPlanned(ctx, group, failing).finally(() => ctx.close());
    // Unit 2 ran once in the suite and twice more (the default --reruns 2), and failed every time.
    expect(started.filter((v) => v === 2)).toHaveLength(3);
    expect(result.checks[0]!.failures[0]).toMatchObject({ rerun: { runs: 2, failed: 2 } });
  });

  it('a unit that throws stops every worker: no unit starts after it, and the suite then fails', async () => {
    const started: number[] = [];
    const ctx = context();
    await expect(runPlanned(ctx, group, driver(100, 5, started)).finally(() => ctx.close())).rejects.toThrow(/journal/);
    // Units 0..5 were started before unit 5 threw; at most the three others in flight (width 4) after it.
    expect(started.length).toBeLessThanOrEqual(6 + 3);
    const settled = started.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(started.length).toBe(settled);
  });
});

describe('runPlanned: what the run shares across suites (halts) and which checks it judges', () => {
  const advisory = { id: 'request-id', title: 'request id', concern: 'error-contract' as const, strength: 'advisory' as const };
  /** `count` units; the units in `failing` fail status-code (required) and request-id (advisory). */
  function failingDriver(count: number, failing: (index: number) => boolean, started: number[] = []) {
    return {
      ...driver(count, -1, started),
      checks: [check, advisory],
      width: 1,
      async run(unit: { value: number }): Promise<Outcome> {
        started.push(unit.value);
        const failures = failing(unit.value) ? [check, advisory].map((c) => ({ check: c.id, path: 'status', expected: 201, actual: 500, message: 'wrong' })) : [];
        return { failures, looked: new Set([check.id, advisory.id]), latencies: [1] };
      },
    };
  }
  // No reruns: these tests count the units started, and a rerun of a failing example starts one again.
  const contextWith = (overrides: Partial<RunOptions>) => createRunContext(defaultOperation(), localRunOptions({ url: 'http://127.0.0.1:9', voiceConnectorId: 'c' }, { reruns: 0, ...overrides }));

  it('--max-failures: no unit starts after the Nth failing one, in this suite or a later one, and each says why', async () => {
    const ctx = contextWith({ maxFailures: 2 });
    const started: number[] = [];
    const first = await runPlanned(ctx, group, failingDriver(20, (i) => i % 3 === 0, started));
    // Units 0 and 3 fail: nothing starts after unit 3.
    expect(started).toEqual([0, 1, 2, 3]);
    expect(first.suite).toMatchObject({ cases: 4, notice: expect.stringMatching(/^2 cases failed a required check \(--max-failures 2\)/) });
    expect(first.checks.find((c) => c.check === 'status-code')).toMatchObject({ failed: 2 });
    const later: number[] = [];
    const second = await runPlanned(ctx, { ...group, id: 'later' }, failingDriver(5, () => false, later)).finally(() => ctx.close());
    expect(later).toEqual([]);
    expect(second.suite).toMatchObject({ cases: 0, notice: 'the run stopped before this suite started (--max-failures)' });
  });

  it('an excluded check is reported as excluded, counts nothing and fails no case (nor counts towards --max-failures)', async () => {
    const ctx = contextWith({ maxFailures: 1, checkSelection: { exclude: ['status-code'] } });
    const started: number[] = [];
    const result = await runPlanned(ctx, group, failingDriver(6, () => true, started)).finally(() => ctx.close());
    expect(started).toHaveLength(6);
    expect(result.suite.notice).toBeUndefined();
    expect(result.checks.find((c) => c.check === 'status-code')).toEqual(expect.objectContaining({ excluded: 'excluded by --exclude-check', cases: 0, failed: 0, skipped: 6, failures: [] }));
    // The advisory check is still judged and still finds what it finds.
    expect(result.checks.find((c) => c.check === 'request-id')).toMatchObject({ failed: 6 });
    expect(result.suite.families).toEqual([expect.objectContaining({ cases: 6, failed: 0 })]);
  });

  it('--time-budget: once spent, no unit starts', async () => {
    const ctx = contextWith({ timeBudget: { seconds: 1, endsAt: Date.now() + 30 } });
    const started: number[] = [];
    const slow = { ...failingDriver(1000, () => false, started), async run(unit: { value: number }): Promise<Outcome> {
      started.push(unit.value);
      await new Promise((r) => setTimeout(r, 10));
      return { failures: [], looked: new Set([check.id]), latencies: [1] };
    } };
    const result = await runPlanned(ctx, group, slow).finally(() => ctx.close());
    expect(started.length).toBeGreaterThan(0);
    expect(started.length).toBeLessThan(20);
    expect(result.suite).toMatchObject({ cases: started.length, notice: expect.stringMatching(/^the time budget was spent \(--time-budget 1 s\)/) });
    expect(result.suite.error).toBeUndefined();
  });
});
