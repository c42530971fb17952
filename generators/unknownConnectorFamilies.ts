import fc from 'fast-check';
import type { OperationModel, StringShape } from '../src/spec/index.ts';
import { singleRequestFamily } from './_family.ts';
import type { FamilyContext } from './acceptFamilies.ts';
import type { CaseFamily } from './types.ts';
import { validBody } from './validBody.ts';

/**
 * A valid body sent to a voice connector that does not exist (spec /oracle/unknownVoiceConnector → 404).
 * The id satisfies every pattern any model version has (including botocore's narrower one), so the only
 * thing wrong with the request is that the connector is unknown.
 */
export function unknownConnectorFamilies(model: OperationModel, ctx: FamilyContext): CaseFamily[] {
  return model.labels.map((label) => {
    const shape = model.shape(model.input.members[label]!.target) as StringShape;
    const patterns = [shape.pattern, shape.stricterPattern?.pattern].filter((p): p is string => p !== undefined).map((p) => new RegExp(p, 'u'));
    const strictest = shape.stricterPattern?.pattern ?? shape.pattern ?? '\\S';
    const id = fc
      .stringMatching(new RegExp(`^(?:${strictest})$`, 'u'))
      .filter((s) => s !== ctx.voiceConnectorId && patterns.every((re) => re.test(s)) && s.length >= (shape.length?.min ?? 1) && s.length <= (shape.length?.max ?? Infinity));
    return singleRequestFamily(
      `unknown-connector.${label}`,
      `${label}: a well-formed id of a connector that does not exist`,
      'unknown-connector',
      fc.tuple(id, validBody(model)).map(([value, body]) => ({ labels: { ...Object.fromEntries(model.labels.map((l) => [l, ctx.voiceConnectorId])), [label]: value }, body })),
    );
  });
}
