import type { OperationModel, UnspecifiedCaseSpec } from '../src/spec/index.ts';
import { participantKey } from './participantKey.ts';

/**
 * The spec's unspecified cases (spec /oracle/unspecified) of the operation's input that a model-valid
 * input falls into, recognised from each case's own description (value, duplicate, above, below,
 * nullOptional, identical, emptyStrings, breaksStricterPattern), never from its id. `nulls` are the
 * optional members that were JSON null.
 */
export function unspecifiedCases(model: OperationModel, input: Readonly<Record<string, unknown>>, nulls: readonly string[]): UnspecifiedCaseSpec[] {
  return model.ownUnspecified.filter((c) => applies(model, c, input, nulls));
}

function applies(model: OperationModel, c: UnspecifiedCaseSpec, input: Readonly<Record<string, unknown>>, nulls: readonly string[]): boolean {
  if (c.nullOptional) return nulls.length > 0;
  if (c.member === undefined || !Object.hasOwn(input, c.member)) return false;
  const value = input[c.member];
  if (c.value !== undefined) return JSON.stringify(value) === JSON.stringify(c.value);
  if (c.duplicate) return Array.isArray(value) && new Set(value.map((v) => JSON.stringify(v))).size < value.length;
  if (c.above !== undefined) return typeof value === 'number' && value > c.above;
  if (c.below !== undefined) return typeof value === 'number' && value < c.below;
  // "Identical" numbers are equal up to a leading '+', the way the participants-echo invariant compares.
  if (c.identical) return Array.isArray(value) && value.length > 1 && new Set(value.map(participantKey)).size === 1;
  if (c.emptyStrings) return (isObject(value) ? Object.values(value) : Array.isArray(value) ? value : []).some((v) => v === '');
  if (c.breaksStricterPattern) {
    const target = model.input.members[c.member]?.target;
    const shape = target === undefined ? undefined : model.shape(target);
    const stricter = shape?.type === 'string' ? shape.stricterPattern : undefined;
    return stricter !== undefined && typeof value === 'string' && !new RegExp(stricter.pattern, 'u').test(value);
  }
  return false;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
