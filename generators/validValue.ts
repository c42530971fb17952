import fc from 'fast-check';
import type { OperationModel, Shape, UnspecifiedCaseSpec } from '../src/spec/index.ts';
import { analysePattern } from './_regex.ts';
import { enumValues } from './constraints/enumValues.ts';
import { patternStrings } from './constraints/pattern.ts';
import { rangeIntegers } from './constraints/range.ts';
import { fictionalPhoneNumber, samePhoneNumber } from './fictionalPhoneNumber.ts';

/** Extra limits for must-accept values, read from spec /oracle/unspecified so that no must-accept case is an unspecified one. */
export interface Documented {
  /** Lists: no empty list (an `value: []` unspecified case). */
  nonEmpty?: boolean;
  /** Lists: no duplicate items (`duplicate` / `identical` unspecified cases). */
  unique?: boolean;
  /** Integers: at most this (`above` unspecified case). */
  max?: number;
  /** Integers: at least this (`below` unspecified case). */
  min?: number;
  /** Strings inside (a structure's members, a list's items): never empty (`emptyStrings` unspecified case). */
  nonEmptyStrings?: boolean;
  /** Lists: at least this many items (so a violation can be placed at a list position). */
  minItems?: number;
  /** Lists: at most this many items (with minItems, exactly a @length boundary). */
  maxItems?: number;
  /** Phone numbers: only this many digits / only with or without '+'. */
  digits?: number;
  plus?: boolean;
  /** Phone numbers: only from this spec `fictional` shape. */
  fictionalShape?: string;
}

/**
 * The documented-behaviour limits for one input member, from the spec's unspecified cases: those of this
 * operation, and those that name no operation (the conformance target's), wherever an operation has a
 * member of that name (UpdateProxySession's ExpiryMinutes is documented as the create's is).
 */
export function documentedLimits(model: OperationModel, member: string): Documented {
  const cases: UnspecifiedCaseSpec[] = Object.values(model.unspecified).filter((c) => c.member === member && (c.operation === undefined || c.operation === model.name));
  const limits: Documented = {};
  for (const c of cases) {
    if (Array.isArray(c.value) && c.value.length === 0) limits.nonEmpty = true;
    if (c.duplicate || c.identical) limits.unique = true;
    if (c.above !== undefined) limits.max = c.above;
    if (c.below !== undefined) limits.min = c.below;
    if (c.emptyStrings) limits.nonEmptyStrings = true;
  }
  return limits;
}

/**
 * Arbitrary of valid, documented values of a shape, derived trait by trait: strings from their pattern
 * (phone numbers from the fictional ranges), integers from their range, enums from their values, lists
 * from their length trait, structures with every required member and any optional ones.
 */
export function validValue(model: OperationModel, shapeName: string, limits: Documented = {}): fc.Arbitrary<unknown> {
  const shape: Shape = model.shape(shapeName);
  switch (shape.type) {
    case 'string': {
      if (shape.fictional) return fictionalPhoneNumber(model, { digits: limits.digits, plus: limits.plus, shape: limits.fictionalShape });
      const strings = patternStrings(shape.pattern ?? '', shape.length).valid;
      return limits.nonEmptyStrings ? strings.filter((s) => s !== '') : strings;
    }
    case 'integer':
      return rangeIntegers(shape.range, { min: limits.min, max: limits.max }).valid;
    case 'enum':
      return enumValues(shape.values).valid;
    case 'timestamp':
      return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
    case 'boolean':
      return fc.boolean();
    case 'list': {
      const item = validValue(model, shape.member, { digits: limits.digits, plus: limits.plus, fictionalShape: limits.fictionalShape, nonEmptyStrings: limits.nonEmptyStrings });
      const min = Math.max(shape.length?.min ?? 0, limits.nonEmpty ? 1 : 0, limits.minItems ?? 0);
      const itemShape = model.shape(shape.member);
      const distinct = itemShape.type === 'enum' ? itemShape.values.length : Infinity;
      const max = Math.min(shape.length?.max ?? Math.max(min, 3), limits.unique ? distinct : Infinity, limits.maxItems ?? Infinity);
      const comparator = (a: unknown, b: unknown) => (typeof a === 'string' && typeof b === 'string' ? samePhoneNumber(a, b) : a === b);
      return limits.unique ? fc.uniqueArray(item, { minLength: min, maxLength: max, comparator }) : fc.array(item, { minLength: min, maxLength: max });
    }
    case 'structure': {
      const members = Object.entries(shape.members).filter(([, m]) => m.location === undefined);
      const record = Object.fromEntries(members.map(([name, m]) => [name, validValue(model, m.target, { nonEmptyStrings: limits.nonEmptyStrings })]));
      return fc.record(record, { requiredKeys: members.filter(([, m]) => m.required).map(([n]) => n) });
    }
  }
}

/** Digit counts of the shortest and longest numbers a phone-number pattern admits (atoms that accept digits). */
export function digitBounds(pattern: string): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = 0;
  for (const alt of analysePattern(pattern)) {
    if (!alt.atoms) return undefined;
    const digitAtoms = alt.atoms.filter((a) => a.accepts.includes('5'));
    min = Math.min(min, digitAtoms.reduce((n, a) => n + a.min, 0));
    max = Math.max(max, digitAtoms.reduce((n, a) => n + a.max, 0));
  }
  return Number.isFinite(min) && Number.isFinite(max) ? { min, max } : undefined;
}
