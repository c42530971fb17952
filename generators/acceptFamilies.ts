import fc from 'fast-check';
import type { OperationModel, StringShape } from '../src/spec/index.ts';
import { singleRequestFamily, slug } from './_family.ts';
import { lengthBoundaries } from './constraints/length.ts';
import { patternStrings, patternStringsOfLength } from './constraints/pattern.ts';
import { rangeIntegers } from './constraints/range.ts';
import type { CaseFamily } from './types.ts';
import { validBody } from './validBody.ts';
import { digitBounds, documentedLimits, validValue } from './validValue.ts';

export interface FamilyContext {
  /** The voice connector every valid request is sent to. */
  voiceConnectorId: string;
}

/**
 * Must-accept families (docs/oracle.md, "The oracle", kind 1), all derived from the spec: random valid requests;
 * only required members and every member; each enum value; each non-empty ordering of an enum list;
 * the boundaries of every pattern and string @length (nested members' and list items' too), range, list
 * @length and phone-number shape.
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
    const limits = documentedLimits(model, member);
    const pin = (how: string, value: fc.Arbitrary<unknown>, covers: string | undefined) =>
      families.push(family(slug(member, how), `${member}: ${how}`, validBody(model, { pinned: { [member]: value } }), covers && `/${member}#${covers}`));
    if (shape.type === 'string' && shape.fictional) {
      // A phone number (E164PhoneNumber): only fictional ones, in each shape the pattern admits.
      for (const [how, extra] of phoneVariants(shape.pattern, 'a number')) pin(how, validValue(model, spec.target, { ...limits, ...extra }), 'pattern');
    } else if (shape.type === 'string') {
      for (const edge of stringEdges(shape, limits.nonEmptyStrings)) pin(edge.how, edge.arbitrary, edge.constraint);
    }
    if (shape.type === 'integer') {
      // Values at the edge of documented usage only (an Integer without @range) exercise no constraint.
      for (const b of rangeIntegers(shape.range, { min: limits.min, max: limits.max }).boundaries) pin(b.how, b.arbitrary, shape.range ? 'range' : undefined);
    }
    if (shape.type === 'enum') {
      for (const value of shape.values) pin(`= ${value}`, fc.constant(value), 'enum');
    }
    if (shape.type === 'structure') {
      // Members nested in a structure (GeoMatchParams/Country, /AreaCode): the same string edges.
      for (const [name, nested] of Object.entries(shape.members)) {
        const inner = model.shape(nested.target);
        if (inner.type !== 'string') continue;
        for (const edge of stringEdges(inner, limits.nonEmptyStrings)) {
          const value = fc.tuple(validValue(model, spec.target, limits) as fc.Arbitrary<Record<string, unknown>>, edge.arbitrary).map(([v, s]) => ({ ...v, [name]: s }));
          families.push(family(slug(`${member}/${name}`, edge.how), `${member}/${name}: ${edge.how}`, validBody(model, { pinned: { [member]: value } }), `/${member}/${name}#${edge.constraint}`));
        }
      }
    }
    if (shape.type === 'list') {
      // Smithy @length on the list: exactly its minimum and its maximum number of items.
      for (const b of lengthBoundaries(shape.length, (n) => validValue(model, spec.target, { ...limits, minItems: n, maxItems: n }))) pin(b.how, b.arbitrary, 'length');
      const item = model.shape(shape.member);
      if (item.type === 'enum') {
        for (const ordering of orderings(item.values)) pin(`= [${ordering.join(', ')}]`, fc.constant(ordering), 'enum');
      }
      if (item.type === 'string' && item.fictional) {
        const withLimits = (extra: object) => ({ [member]: { ...limits, ...extra } });
        for (const [how, extra] of phoneVariants(item.pattern, 'numbers')) {
          families.push(family(slug(member, how), `${member}: ${how}`, validBody(model, { limits: withLimits(extra) }), `/${member}/*#pattern`));
        }
      }
      // The first item at an edge of its own constraints: a string item's (PhoneNumberPoolCountries/*), or
      // a string member of a structure item's (Tags/*/Key).
      const list = validValue(model, spec.target, { ...limits, minItems: 1 }) as fc.Arbitrary<unknown[]>;
      const first = (value: fc.Arbitrary<unknown>) => fc.tuple(list, value).map(([items, v]) => [v, ...items.slice(1)]);
      if (item.type === 'string' && !item.fictional) {
        for (const edge of stringEdges(item, limits.nonEmptyStrings)) {
          families.push(family(slug(`${member}/0`, edge.how), `${member}/0: ${edge.how}`, validBody(model, { pinned: { [member]: first(edge.arbitrary) } }), `/${member}/*#${edge.constraint}`));
        }
      }
      if (item.type === 'structure') {
        for (const [name, nested] of Object.entries(item.members)) {
          const inner = model.shape(nested.target);
          if (inner.type !== 'string') continue;
          for (const edge of stringEdges(inner, limits.nonEmptyStrings)) {
            const value = fc.tuple(list, edge.arbitrary).map(([items, v]) => [{ ...(items[0] as object), [name]: v }, ...items.slice(1)]);
            families.push(family(slug(`${member}/0/${name}`, edge.how), `${member}/0/${name}: ${edge.how}`, validBody(model, { pinned: { [member]: value } }), `/${member}/*/${name}#${edge.constraint}`));
          }
        }
      }
    }
  }
  return families;
}

// --- internal ---

/**
 * The valid values at the edges of a string shape: its pattern's (shortest and longest of each
 * alternative) and its @length trait's (exactly the minimum and the maximum). An empty string is left out
 * where it is an unspecified case (spec /oracle/unspecified emptyStrings), not a must-accept one.
 */
function stringEdges(shape: StringShape, nonEmpty: boolean | undefined): { how: string; arbitrary: fc.Arbitrary<string>; constraint: 'pattern' | 'length' }[] {
  const edges = [
    ...(shape.pattern ? patternStrings(shape.pattern, shape.length).boundaries.map((b) => ({ ...b, constraint: 'pattern' as const })) : []),
    ...lengthBoundaries(shape.length, (n) => patternStringsOfLength(shape.pattern, n)).map((b) => ({ ...b, constraint: 'length' as const })),
  ];
  return nonEmpty ? edges.filter((e) => !fc.sample(e.arbitrary, { numRuns: 5, seed: 1 }).includes('')) : edges;
}

/** The shapes of fictional phone numbers a pattern admits: with and without '+', the fewest and the most digits. */
function phoneVariants(pattern: string | undefined, what: string): [string, { plus?: boolean; digits?: number }][] {
  const bounds = digitBounds(pattern ?? '');
  return [
    [`${what} with a leading +`, { plus: true }],
    [`${what} without a leading +`, { plus: false }],
    ...(bounds
      ? ([
          [`shortest ${what} (${bounds.min} digits)`, { digits: bounds.min }],
          [`longest ${what} (${bounds.max} digits)`, { digits: bounds.max }],
        ] as [string, { digits: number }][])
      : []),
  ];
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
