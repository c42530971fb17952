import { describe, expect, it } from 'vitest';
import { createRunLimits, type RunLimits } from './runLimits.ts';

const create = (limits: RunLimits, n: number) => {
  let made = 0;
  for (let i = 0; i < n && limits.reserveSession(); i++) {
    limits.settleSession(true);
    made++;
  }
  return made;
};

describe('createRunLimits: the session budget shared by the suites', () => {
  it('gives each suite an equal share of what is left when it starts; what one leaves goes to the next', () => {
    const limits = createRunLimits({ maxSessions: 10 });
    limits.beginSuite(3);
    expect(create(limits, 100)).toBe(4);
    expect(limits.exhausted).toMatch(/this suite's share of the session budget is spent/);
    limits.beginSuite(2);
    expect(limits.exhausted).toBeUndefined();
    expect(create(limits, 1)).toBe(1);
    limits.beginSuite(1);
    expect(create(limits, 100)).toBe(5);
    expect(limits.sessionsCreated).toBe(10);
    expect(limits.exhausted).toMatch(/the session budget is spent \(--max-sessions 10\)/);
  });

  it('without a budget, nothing is capped', () => {
    const limits = createRunLimits({});
    limits.beginSuite(6);
    expect(create(limits, 50)).toBe(50);
    expect(limits.exhausted).toBeUndefined();
  });

  it('claims room for a whole case at once: all or none, and what it did not use goes back', () => {
    const limits = createRunLimits({ maxSessions: 3 });
    limits.beginSuite(1);
    const claim = limits.claimSessions(2)!;
    expect(claim).toEqual({ left: 2 });
    expect(limits.sessionsLeft()).toBe(1);
    // A second two-create case does not fit beside it: it does not start, and it takes nothing.
    expect(limits.claimSessions(2)).toBeUndefined();
    expect(limits.exhausted).toMatch(/the session budget is spent \(--max-sessions 3\).*needed 2 at once/);
    expect(limits.sessionsLeft()).toBe(1);
    // The first case sends one create (it spends a unit of its claim) and stops early.
    claim.left--;
    limits.settleSession(true);
    limits.releaseClaim(claim);
    expect(claim.left).toBe(0);
    expect(limits.sessionsCreated).toBe(1);
    expect(limits.sessionsLeft()).toBe(2);
    expect(limits.claimSessions(2)).toEqual({ left: 2 });
  });
});

describe('createRunLimits: the halts of a CI gate (--max-failures, --time-budget)', () => {
  it('halts once --max-failures cases failed a required check, and keeps that reason', () => {
    const limits = createRunLimits({ maxFailures: 2 });
    limits.countFailingCase();
    expect(limits.halted).toBeUndefined();
    limits.countFailingCase();
    expect(limits.halted).toEqual({ by: 'max-failures', message: expect.stringMatching(/^2 cases failed a required check \(--max-failures 2\): no new case was started/) });
    limits.countFailingCase();
    expect(limits.failingCases).toBe(3);
    expect(limits.halted?.message).toMatch(/^2 cases/);
  });

  it('without --max-failures, failing cases never halt the run', () => {
    const limits = createRunLimits({});
    for (let i = 0; i < 100; i++) limits.countFailingCase();
    expect(limits.halted).toBeUndefined();
  });

  it('halts when the time budget is spent, not before', () => {
    const now = Date.now();
    expect(createRunLimits({ timeBudget: { seconds: 60, endsAt: now + 60_000 } }).halted).toBeUndefined();
    const spent = createRunLimits({ timeBudget: { seconds: 2, endsAt: now - 1 } });
    expect(spent.outOfTime()).toBe(true);
    expect(spent.halted).toEqual({ by: 'time-budget', message: expect.stringMatching(/^the time budget was spent \(--time-budget 2 s\)/) });
    expect(createRunLimits({}).outOfTime()).toBe(false);
  });
});
