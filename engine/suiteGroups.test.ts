import { describe, expect, it } from 'vitest';
import { defaultOperation } from '../src/spec/index.ts';
import { suiteGroups } from './suiteGroups.ts';

describe('suite groups', () => {
  const model = defaultOperation();
  const ctx = { voiceConnectorId: 'conformance0reference1' };

  it('every family id is unique and starts with its suite prefix (a replay finds its suite by the prefix)', () => {
    const ids = suiteGroups.flatMap((g) => [...g.families(model, ctx).map((f) => f.id), ...(g.runner?.familyIds(model) ?? [])].map((id) => [g, id] as const));
    for (const [group, id] of ids) expect(id.startsWith(group.familyPrefix), `${id} in ${group.id}`).toBe(true);
    expect(new Set(ids.map(([, id]) => id)).size).toBe(ids.length);
  });
});
