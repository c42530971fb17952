import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultOperation } from '../src/spec/index.ts';
import { forbiddenCharacterFamilies } from './forbiddenCharacterFamilies.ts';
import { rejectFamilies } from './rejectFamilies.ts';

const model = defaultOperation();
const ctx = { voiceConnectorId: 'conformance0reference1' };
const families = forbiddenCharacterFamilies(model, ctx);
const cases = families.flatMap((f) => f.cases!.map((c) => ({ family: f, step: c.steps[0]! })));

/** A JSON pointer with list positions as `*`, as `covers` and the coverage matrix write them. */
const general = (pointer: string) => pointer.replace(/\/\d+(?=\/|$)/g, '/*');

describe('forbiddenCharacterFamilies', () => {
  it('sweeps every pattern of the input: labels, body members, list items and nested members', () => {
    const covered = new Set(families.map((f) => f.covers));
    for (const pointer of ['/VoiceConnectorId', '/ParticipantPhoneNumbers/*', '/Name', '/GeoMatchParams/Country', '/GeoMatchParams/AreaCode']) {
      expect(covered, pointer).toContain(`${pointer}#pattern`);
    }
  });

  it('each case breaks exactly its pattern and nothing else', () => {
    for (const { family, step } of cases) {
      const input = { ...step.labels, ...(step.body as object) };
      expect(model.validateInput(input), `${family.id}: ${step.violation!.how}`).toEqual([expect.objectContaining({ path: step.violation!.member, keyword: 'pattern' })]);
      expect(step.kind).toBe('reject');
      expect(step.violation!.constraint).toBe('pattern');
      expect(`${general(step.violation!.member)}#pattern`).toBe(family.covers);
    }
  });

  it('tries each character once per family, and every list position', () => {
    for (const family of families) {
      const hows = family.cases!.map((c) => c.steps[0]!.violation!.how);
      expect(new Set(hows).size, family.id).toBe(hows.length);
      expect(family.title).toContain(String(family.cases!.length));
    }
    const positions = new Set(cases.filter(({ family }) => family.covers === '/ParticipantPhoneNumbers/*#pattern').map(({ step }) => step.violation!.member));
    expect([...positions].sort()).toEqual(['/ParticipantPhoneNumbers/0', '/ParticipantPhoneNumbers/1']);
  });

  it('is deterministic: the same cases on every call, and the arbitrary picks only among them', () => {
    expect(JSON.stringify(forbiddenCharacterFamilies(model, ctx).map((f) => f.cases))).toBe(JSON.stringify(families.map((f) => f.cases)));
    for (const family of families) {
      const listed = new Set(family.cases!.map((c) => JSON.stringify(c)));
      for (const sampled of fc.sample(family.arbitrary, { seed: 3, numRuns: 5 })) expect(listed.has(JSON.stringify(sampled))).toBe(true);
    }
  });

  it('ids are unique slugs and the rejection suite has them', () => {
    const ids = rejectFamilies(model, ctx).map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const family of families) {
      expect(family.id).toMatch(/^reject\.[A-Za-z0-9.-]+$/);
      expect(ids).toContain(family.id);
    }
  });

  it("Name's family holds '_' and '-' (a validator that admits them is caught on every run)", () => {
    const name = cases.filter(({ family }) => family.covers === '/Name#pattern').map(({ step }) => (step.body as { Name: string }).Name);
    expect(name.some((n) => n.includes('_'))).toBe(true);
    expect(name.some((n) => n.includes('-'))).toBe(true);
  });
});
