import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultOperation } from '../src/spec/index.ts';
import { familySeed } from './familySeed.ts';
import { plan } from './runGroup.ts';
import { suiteGroups } from './suiteGroups.ts';

const model = defaultOperation();
const families = suiteGroups.flatMap((g) => g.families(model, { voiceConnectorId: 'abcdef1234567890abcde' }));

describe('plan', () => {
  it('generates the cases of one fc.sample of each family, a chunk at a time (same values, same indexes)', () => {
    // Past the first chunk, so the later chunks come from fast-check's stream at a --path.
    const seed = 20261207;
    const runs = 70;
    const generated = families.filter((f) => !f.cases);
    const planned = plan(generated, { seed, runs });
    expect(planned).toHaveLength(generated.length * runs);
    for (const family of generated) {
      const mine = planned.filter((p) => p.family === family);
      expect(mine.map((p) => p.index)).toEqual([...Array(runs).keys()]);
      expect(mine.map((p) => p.value), family.id).toEqual(fc.sample(family.arbitrary, { seed: familySeed(seed, family.id), numRuns: runs }));
    }
  });
});
