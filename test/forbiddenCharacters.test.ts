import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.ts';
import { forbiddenCharacterFamilies, type RequestCase } from '../generators/index.ts';
import { specConstraints } from '../reports/index.ts';
import { buildRequest, errorTypeOf } from '../src/protocol/index.ts';
import { compileOperation, defaultOperation, loadSpec, type OperationModel } from '../src/spec/index.ts';

/**
 * The forbidden-character families end to end: every case, sent as the suites send it (labels
 * percent-encoded by buildRequest), reaches the reference emulator's validator intact and is refused with
 * the constraint-violation error (spec /oracle/constraintViolation) for the very member it breaks.
 */
const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function refusals(model: OperationModel): Promise<{ step: RequestCase; status: number; error: string | undefined; message: string }[]> {
  const emulator = await startEmulator({ model });
  running.push(emulator);
  const steps = forbiddenCharacterFamilies(model, { voiceConnectorId: emulator.voiceConnectorId! }).flatMap((f) => f.cases!.map((c) => c.steps[0]!));
  const out: Awaited<ReturnType<typeof refusals>> = [];
  for (let i = 0; i < steps.length; i += 32) {
    out.push(
      ...(await Promise.all(
        steps.slice(i, i + 32).map(async (step) => {
          const wire = buildRequest(model, emulator.url, { labels: step.labels, body: step.body });
          const res = await fetch(wire.url, { method: wire.method, headers: wire.headers, body: wire.body });
          const text = await res.text();
          const json = JSON.parse(text) as { Message?: string };
          return { step, status: res.status, error: errorTypeOf(Object.fromEntries(res.headers), json), message: json.Message ?? '' };
        }),
      )),
    );
  }
  return out;
}

/** How the emulator's message names a member pointer: `/GeoMatchParams/Country` → `GeoMatchParams.Country`, `/L/0` → `L[0]`. */
const named = (pointer: string) => pointer.slice(1).split('/').reduce((name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part), '');

describe('forbidden-character cases against the reference emulator', () => {
  it('every case is refused 400 BadRequestException for the pattern of its member', async () => {
    const model = defaultOperation();
    const { error, status } = model.spec.oracle.constraintViolation;
    const answers = await refusals(model);
    expect(answers.length).toBeGreaterThan(0);
    for (const a of answers) {
      const why = `${a.step.violation!.member}: ${a.step.violation!.how}`;
      expect(a.status, why).toBe(status);
      expect(a.error, why).toBe(error);
      expect(a.message, why).toContain(`${named(a.step.violation!.member)} failed to satisfy the pattern constraint`);
    }
  });

  it('characters with a meaning in a URL path reach the validator intact when a label forbids them', async () => {
    // Arrange: the same spec with a label pattern that forbids '/', '?', '#', '%', '.' and ' ' (the model's
    // \S admits all of them but ' ').
    const spec = structuredClone(loadSpec());
    const label = spec.shapes.CreateProxySessionRequest;
    if (label?.type !== 'structure') throw new Error('no CreateProxySessionRequest');
    spec.shapes.NarrowLabel = { type: 'string', length: { min: 1, max: 128 }, pattern: '^[a-z0-9]+$', source: 'design' };
    label.members.VoiceConnectorId = { ...label.members.VoiceConnectorId!, target: 'NarrowLabel' };
    const model = compileOperation(spec);
    // Act
    const answers = (await refusals(model)).filter((a) => a.step.violation!.member === '/VoiceConnectorId');
    // Assert
    const tried = answers.map((a) => a.step.labels.VoiceConnectorId!);
    for (const char of ['/', '?', '#', '%', '.', ' ']) expect(tried.some((l) => l.includes(char)), char).toBe(true);
    for (const a of answers) {
      expect(a.status, a.step.violation!.how).toBe(400);
      expect(a.message, a.step.violation!.how).toContain('VoiceConnectorId failed to satisfy the pattern constraint');
    }
  });

  it("each family's covers is a row of the report's coverage matrix", () => {
    const model = defaultOperation();
    const rows = new Set(specConstraints(model));
    for (const family of forbiddenCharacterFamilies(model, { voiceConnectorId: 'conformance0reference1' })) expect(rows, family.id).toContain(family.covers);
  });
});
