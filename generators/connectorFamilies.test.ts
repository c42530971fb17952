import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultOperation } from '../src/spec/index.ts';
import { connectorFamilies } from './connectorFamilies.ts';
import { connectorOperations } from './otherOperations.ts';
import type { RequestCase } from './types.ts';

const model = defaultOperation();
const ctx = { voiceConnectorId: 'conformance0reference1' };
const { operations, connector, proxy } = model.spec.lifecycle.provision;
const families = (['accept', 'reject', 'unspecified'] as const).flatMap((kind) => connectorFamilies(model, ctx, kind));
const cases = families.flatMap((f) => (f.cases ?? fc.sample(f.arbitrary, { seed: 42, numRuns: 5 })).map((c) => ({ family: f, c })));
/** The input of a step as Smithy sees it: labels, query and body members in one object. */
const input = (step: RequestCase) => ({ ...step.labels, ...(step.body && typeof step.body === 'object' && !Array.isArray(step.body) ? (step.body as object) : {}) });

describe('connectorFamilies', () => {
  it('has families of every operation that changes a connector, each marked so', () => {
    expect(connectorOperations(model).map((op) => op.name).sort()).toEqual(Object.values(operations).sort());
    for (const op of connectorOperations(model)) {
      expect(families.some((f) => f.id.startsWith(`accept.${op.name}.`)), op.name).toBe(true);
      expect(families.some((f) => f.id.startsWith(`reject.${op.name}.`)), op.name).toBe(true);
    }
    expect(families.every((f) => f.changesConnectors === true)).toBe(true);
  });

  it('covers every constraint of their inputs with a must-reject family', () => {
    const covered = new Set(families.filter((f) => f.kind === 'reject').map((f) => f.covers?.replace(/\/\d+(?=\/|#)/g, '/*')));
    for (const expected of ['PutVoiceConnectorProxy:/VoiceConnectorId#length', 'PutVoiceConnectorProxy:/PhoneNumberPoolCountries#length', 'PutVoiceConnectorProxy:/PhoneNumberPoolCountries/*#pattern', 'PutVoiceConnectorProxy:/DefaultSessionExpiryMinutes#required', 'DeleteVoiceConnectorProxy:/VoiceConnectorId#pattern', 'CreateVoiceConnector:/Name#length', 'CreateVoiceConnector:/Name#pattern', 'CreateVoiceConnector:/AwsRegion#enum', 'CreateVoiceConnector:/Tags#length', 'CreateVoiceConnector:/Tags/*/Key#required', 'CreateVoiceConnector:/Tags/*/Value#length', 'DeleteVoiceConnector:/VoiceConnectorId#pattern']) {
      expect(covered, expected).toContain(expected);
    }
  });

  it("sweeps only the patterns of shapes no earlier operation sweeps (each shape's validator once per run)", () => {
    const sweeps = families.filter((f) => f.cases !== undefined && f.covers?.endsWith('#pattern')).map((f) => f.covers);
    expect(sweeps.sort()).toEqual(['CreateVoiceConnector:/Name#pattern', 'DeleteVoiceConnector:/VoiceConnectorId#pattern']);
    // The shapes swept elsewhere keep their random pattern breaks.
    expect(families.some((f) => f.cases === undefined && f.covers === 'PutVoiceConnectorProxy:/FallBackPhoneNumber#pattern')).toBe(true);
  });

  it('never names the run connector, but in a must-reject Put (which the engine undoes if accepted)', () => {
    for (const { family, c } of cases) {
      for (const step of c.steps) {
        if (step.labels.VoiceConnectorId !== ctx.voiceConnectorId) continue;
        expect(`${family.id}: ${step.operation} ${step.kind}`).toBe(`${family.id}: ${operations.putProxy} reject`);
      }
    }
  });

  it('makes the connector a step acts on first, with the spec’s bodies, and fills its id in when the case runs', () => {
    for (const { family, c } of cases) {
      const own = c.steps.filter((s) => s.connectorFrom !== undefined);
      if (own.length === 0) continue;
      expect(c.steps[0], family.id).toEqual({ kind: 'accept', operation: operations.createConnector, labels: {}, body: connector });
      for (const step of own) {
        expect(step.connectorFrom, family.id).toEqual({ step: 0, label: 'VoiceConnectorId' });
        expect(step.labels.VoiceConnectorId, family.id).toBe('');
      }
      if (family.id.includes(`.${operations.deleteProxy}.`)) expect(c.steps[1], family.id).toMatchObject({ operation: operations.putProxy, body: proxy });
    }
  });

  it('every must-accept step is valid input of its operation, and every must-reject step breaks exactly its label', () => {
    for (const { family, c } of cases) {
      for (const step of c.steps) {
        const operation = model.operation(step.operation!);
        const own = step.connectorFrom ? { ...input(step), VoiceConnectorId: 'made0by0the0case000001' } : input(step);
        if (step.kind === 'accept') expect(operation.validateInput(own), family.id).toEqual([]);
        if (step.kind !== 'reject' || step.violation!.constraint === 'syntax' || step.violation!.member === '') continue;
        const errors = operation.validateInput(own);
        expect(errors.length, family.id).toBeGreaterThan(0);
        for (const e of errors) expect(e.path, `${family.id}: ${JSON.stringify(errors)}`).toBe(step.violation!.member);
      }
    }
  });
});
