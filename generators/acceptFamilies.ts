import fc from 'fast-check';
import type { OperationModel } from '../src/spec/index.ts';
import { singleRequestFamily, slug } from './_family.ts';
import { lengthBoundaries } from './constraints/length.ts';
import { patternStrings } from './constraints/pattern.ts';
import { rangeIntegers } from './constraints/range.ts';
import type { CaseFamily } from './types.ts';
import { validBody } from './validBody.ts';
import { digitBounds, documentedLimits, validValue } from './validValue.ts';

export interface FamilyContext {
  /** The voice connector every valid request is sent to. */
  voiceConnectorId: string;
}

/**
 * Must-accept families (README, "The oracle", kind 1), all derived from the spec: random valid requests;
 * only required members and every member; each enum value; each non-empty ordering of an enum list;
 * the boundaries of every pattern (nested members' too), range, list @length and phone-number shape.
 */
export function acceptFamilies(model: OperationModel, ctx: FamilyContext): CaseFamily[] {
  const labels = Object.fromEntries(model.labels.map((l) => [l, ctx.voiceConnectorId]));
  const family = (id: string, title: string, body: fc.Arbitrary<Record<string, unknown>>, covers?: string) =>
    singleRequestFamily(slug('accept', id), title, 'accept', body.map((b) => ({ labels, body: b })), covers);

  const families: CaseFamily[] = [
    family('random', 'random valid request', validBody(model)),
    family('required-only', 'only the required members', validBody(model, { presence: 'required' })),
    family('all-members', 'every member present', validBody(model, { presence: 'all' })),
  ];

  for (const [member, spec] of Object.entries(model.bodyMembers)) {
    const shape = model.shape(spec.target);
    const pin = (how: string, value: fc.Arbitrary<unknown>, covers: string) =>
      families.push(family(slug(member, how), `${member}: ${how}`, validBody(model, { pinned: { [member]: value } }), `/${member}#${covers}`));
    if (shape.type === 'string' && shape.pattern) {
      for (const b of patternStrings(shape.pattern, shape.length).boundaries) pin(b.how, b.arbitrary, 'pattern');
    }
    if (shape.type === 'integer') {
      for (const b of rangeIntegers(shape.range, documentedLimits(model, member).max).boundaries) pin(b.how, b.arbitrary, 'range');
    }
    if (shape.type === 'enum') {
      for (const value of shape.values) pin(`= ${value}`, fc.constant(value), 'enum');
    }
    if (shape.type === 'structure') {
      // Members nested in a structure (GeoMatchParams/Country, /AreaCode): the same pattern boundaries.
      const limits = documentedLimits(model, member);
      for (const [name, nested] of Object.entries(shape.members)) {
        const inner = model.shape(nested.target);
        if (inner.type !== 'string' || !inner.pattern) continue;
        for (const b of patternStrings(inner.pattern, inner.length).boundaries) {
          // An empty string here is an unspecified case (spec /oracle/unspecified emptyStrings), not a must-accept one.
          if (limits.nonEmptyStrings && fc.sample(b.arbitrary, { numRuns: 5, seed: 1 }).includes('')) continue;
          const value = fc.tuple(validValue(model, spec.target, limits) as fc.Arbitrary<Record<string, unknown>>, b.arbitrary).map(([v, s]) => ({ ...v, [name]: s }));
          families.push(family(slug(`${member}/${name}`, b.how), `${member}/${name}: ${b.how}`, validBody(model, { pinned: { [member]: value } }), `/${member}/${name}#pattern`));
        }
      }
    }
    if (shape.type === 'list') {
      // Smithy @length on the list: exactly its minimum and its maximum number of items.
      const limits = documentedLimits(model, member);
      for (const b of lengthBoundaries(shape.length, (n) => validValue(model, spec.target, { ...limits, minItems: n, maxItems: n }))) pin(b.how, b.arbitrary, 'length');
      const item = model.shape(shape.member);
      if (item.type === 'enum') {
        for (const ordering of orderings(item.values)) pin(`= [${ordering.join(', ')}]`, fc.constant(ordering), 'enum');
      }
      if (item.type === 'string' && item.fictional) {
        const bounds = digitBounds(item.pattern ?? '');
        const limits = (extra: object) => ({ [member]: { ...documentedLimits(model, member), ...extra } });
        const variants: [string, object][] = [
          ['numbers with a leading +', { plus: true }],
          ['numbers without a leading +', { plus: false }],
          ...(bounds ? ([[`shortest numbers (${bounds.min} digits)`, { digits: bounds.min }], [`longest numbers (${bounds.max} digits)`, { digits: bounds.max }]] as [string, object][]) : []),
        ];
        for (const [how, extra] of variants) {
          families.push(family(slug(member, how), `${member}: ${how}`, validBody(model, { limits: limits(extra) }), `/${member}/*#pattern`));
        }
      }
    }
  }
  return families;
}

/** Every non-empty ordered selection of distinct values (each value alone, and together in every order). */
function orderings(values: readonly string[]): string[][] {
  const out: string[][] = [];
  const grow = (prefix: string[]) => {
    if (prefix.length > 0) out.push(prefix);
    if (prefix.length === Math.min(values.length, 3)) return;
    for (const v of values) if (!prefix.includes(v)) grow([...prefix, v]);
  };
  grow([]);
  return out;
}
