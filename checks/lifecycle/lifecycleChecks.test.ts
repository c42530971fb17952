import { describe, expect, it } from 'vitest';
import { defaultOperation } from '../../src/spec/index.ts';
import { allChecks } from '../checksFor.ts';
import { lifecycleChecks } from './lifecycleChecks.ts';

describe('lifecycleChecks', () => {
  const model = defaultOperation();
  const ids = lifecycleChecks(model, { strict: false }).map((c) => c.id);

  it('judges every spec invariant that no per-case check judges (none is silently dropped)', () => {
    const perCase = new Set([...allChecks.map((c) => c.id), 'proxy-number-e164']);
    const left = Object.keys(model.invariants).filter((id) => !perCase.has(id));
    expect(left.length).toBeGreaterThan(0);
    for (const id of left) expect(ids, id).toContain(id);
  });

  it('takes each invariant strength from the spec', () => {
    for (const check of lifecycleChecks(model, { strict: false })) {
      const spec = model.invariants[check.id];
      if (spec) expect(check.strength, check.id).toBe(spec.strength);
    }
    expect(lifecycleChecks(model, { strict: false }).find((c) => c.id === 'sticky-numbers')?.strength).toBe('advisory');
  });
});
