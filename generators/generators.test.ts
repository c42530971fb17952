import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultOperation, type StringShape } from '../src/spec/index.ts';
import { acceptFamilies, crossSessionFamilies, rejectFamilies, samePhoneNumber, unknownConnectorFamilies, unspecifiedFamilies, type CaseFamily, type RequestCase } from './index.ts';

const model = defaultOperation();
const ctx = { voiceConnectorId: 'conformance0reference1' };
const RUNS = 15;

/** The operation input as Smithy sees it: URI labels and body members in one object. */
const input = (step: RequestCase) => (step.body && typeof step.body === 'object' && !Array.isArray(step.body) ? { ...step.labels, ...(step.body as object) } : step.body);
const stepsOf = (families: CaseFamily[]) => families.flatMap((f) => fc.sample(f.arbitrary, { seed: 42, numRuns: RUNS }).flatMap((c) => c.steps.map((step) => ({ family: f.id, step }))));

/** ajv keywords that report each constraint kind. */
const KEYWORDS: Record<string, string[]> = {
  required: ['required'],
  type: ['type'],
  length: ['minLength', 'maxLength', 'minItems', 'maxItems'],
  pattern: ['pattern'],
  range: ['minimum', 'maximum'],
  enum: ['enum'],
};

describe('generators are sound against the request schema', () => {
  it('every must-accept case passes the schema and uses only fictional, distinct numbers', () => {
    const phone = model.shape('E164PhoneNumber') as StringShape;
    const fictional = phone.fictional!.map((f) => new RegExp(f.pattern, 'u'));
    for (const { family, step } of stepsOf([...acceptFamilies(model, ctx), ...crossSessionFamilies(model, ctx)])) {
      expect(model.validateInput(input(step)), family).toEqual([]);
      const numbers = (step.body as { ParticipantPhoneNumbers: string[] }).ParticipantPhoneNumbers;
      for (const n of numbers) expect(fictional.some((re) => re.test(n)), `${family}: ${n} is not fictional`).toBe(true);
      expect(samePhoneNumber(numbers[0]!, numbers[1]!), family).toBe(false);
    }
  });

  it('every must-reject case fails the schema exactly at its label', () => {
    for (const { family, step } of stepsOf(rejectFamilies(model, ctx))) {
      const v = step.violation!;
      if (v.constraint === 'syntax') {
        expect(() => JSON.parse(step.rawBody!), family).toThrow();
        continue;
      }
      const errors = model.validateInput(input(step));
      expect(errors.length, `${family} should fail the schema`).toBeGreaterThan(0);
      for (const e of errors) expect(e.path, `${family}: ${JSON.stringify(errors)}`).toBe(v.member);
      expect(errors.some((e) => KEYWORDS[v.constraint]!.includes(e.keyword)), `${family}: ${JSON.stringify(errors)}`).toBe(true);
    }
  });

  it('unspecified and unknown-connector cases are model-valid', () => {
    for (const { family, step } of stepsOf([...unspecifiedFamilies(model, ctx), ...unknownConnectorFamilies(model, ctx)])) {
      const body = structuredClone(input(step)) as Record<string, unknown>;
      // JSON null for an optional member is what the optional-null case is about: it is absent to the model.
      for (const [k, value] of Object.entries(body)) if (value === null) delete body[k];
      expect(model.validateInput(body), family).toEqual([]);
    }
  });

  it('unknown connector ids satisfy even the stricter botocore pattern and are not the configured one', () => {
    const shape = model.shape('NonEmptyString128') as StringShape;
    const stricter = new RegExp(shape.stricterPattern!.pattern, 'u');
    for (const { step } of stepsOf(unknownConnectorFamilies(model, ctx))) {
      expect(step.labels.VoiceConnectorId).toMatch(stricter);
      expect(step.labels.VoiceConnectorId).not.toBe(ctx.voiceConnectorId);
    }
  });
});

describe('generators cover the spec', () => {
  it('every input member and every nested constraint has a must-reject family', () => {
    const covered = new Set(rejectFamilies(model, ctx).map((f) => f.covers));
    for (const [name, member] of Object.entries(model.input.members)) {
      const shape = model.shape(member.target);
      const kinds = [member.required && member.location !== 'label' ? 'required' : undefined, shape.type === 'string' && shape.pattern ? 'pattern' : undefined, shape.type === 'enum' ? 'enum' : undefined, shape.type === 'integer' && shape.range ? 'range' : undefined, 'length' in shape && shape.length?.max !== undefined ? 'length' : undefined];
      for (const kind of kinds.filter(Boolean)) expect(covered, `/${name}#${kind}`).toContain(`/${name}#${kind}`);
    }
    expect(covered).toContain('/ParticipantPhoneNumbers/1#pattern');
    expect(covered).toContain('/GeoMatchParams/AreaCode#required');
    expect(covered).toContain('#syntax');
  });

  it('must-accept families include every enum value and the boundaries of Name and ExpiryMinutes', () => {
    const titles = acceptFamilies(model, ctx).map((f) => f.title).join('\n');
    for (const value of [...model.enumValues('Capability'), ...model.enumValues('NumberSelectionBehavior'), ...model.enumValues('GeoMatchLevel')]) expect(titles).toContain(value);
    const names = fc.sample(acceptFamilies(model, ctx).find((f) => f.id.startsWith('accept.Name-longest') && !f.id.includes('whitespace'))!.arbitrary, { numRuns: 5, seed: 1 });
    const nameRe = new RegExp((model.shape('ProxySessionNameString') as StringShape).pattern!, 'u');
    for (const c of names) {
      const name = (c.steps[0]!.body as { Name: string }).Name;
      expect(name).toMatch(nameRe);
      expect(`${name}x`).not.toMatch(nameRe); // the longest: one more character breaks the pattern
    }
  });

  it('the same seed gives the same cases', () => {
    const families = rejectFamilies(model, ctx);
    const a = families.map((f) => fc.sample(f.arbitrary, { seed: 9, numRuns: 3 }));
    const b = rejectFamilies(model, ctx).map((f) => fc.sample(f.arbitrary, { seed: 9, numRuns: 3 }));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
