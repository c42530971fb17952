import fc from 'fast-check';
import type { ConstraintKind, OperationModel, StringShape } from '../src/spec/index.ts';
import { listPositions } from './_listPositions.ts';
import { deleteAt, setAt } from './_pointer.ts';
import { singleRequestFamily, slug } from './_family.ts';
import type { FamilyContext } from './acceptFamilies.ts';
import { enumValues } from './constraints/enumValues.ts';
import { lengthViolations, type NamedValues } from './constraints/length.ts';
import { patternStrings, patternStringsOfLength } from './constraints/pattern.ts';
import { rangeIntegers } from './constraints/range.ts';
import { wrongTypes } from './constraints/wrongTypes.ts';
import { forbiddenCharacterFamilies } from './forbiddenCharacterFamilies.ts';
import type { CaseFamily, Violation } from './types.ts';
import { validBody } from './validBody.ts';
import { documentedLimits, validValue } from './validValue.ts';

/**
 * Must-reject families (docs/oracle.md, "The oracle", kind 2): each case breaks exactly one constraint of the spec
 * and carries its label (member pointer, constraint, how). Derived by walking the input shape:
 * required members missing, wrong JSON types, @length, @pattern, @range and enum violations, at every
 * list position, for body members and URI labels; plus a body that is not an object and malformed JSON;
 * and, for every pattern, each printable character its classes forbid (forbiddenCharacterFamilies.ts).
 */
export function rejectFamilies(model: OperationModel, ctx: FamilyContext): CaseFamily[] {
  const labels = Object.fromEntries(model.labels.map((l) => [l, ctx.voiceConnectorId]));
  const families: CaseFamily[] = [];
  const add = (violation: Violation, request: fc.Arbitrary<{ labels: Record<string, string>; body?: unknown; rawBody?: string }>) => {
    const title = `${violation.member || 'body'}: ${violation.constraint}: ${violation.how}`;
    families.push(singleRequestFamily(slug('reject', violation.member || 'body', violation.constraint, violation.how), title, 'reject', request.map((r) => ({ ...r, violation })), `${violation.member}#${violation.constraint}`));
  };

  // Body members, walked recursively from a body where every member is present (so a nested pointer exists).
  for (const [member, spec] of Object.entries(model.bodyMembers)) {
    if (spec.required) add({ member: `/${member}`, constraint: 'required', how: 'missing' }, validBody(model, { presence: 'all' }).map((b) => ({ labels, body: deleteAt(b, `/${member}`) })));
    walk(model, spec.target, `/${member}`, member, (pointer, constraint, named) => {
      const minItems = listPositionOf(pointer);
      const base = validBody(model, { presence: 'all', limits: { [member]: { ...documentedLimits(model, member), minItems } } });
      add({ member: pointer, constraint, how: named.how }, fc.tuple(base, named.arbitrary).map(([b, v]) => ({ labels, body: constraint === 'required' ? deleteAt(b, pointer) : setAt(b, pointer, v) })));
    });
  }

  // URI labels. An empty label is left out: it changes the route (`//`), so a 404 is as right as a 400.
  for (const label of model.labels) {
    const shape = model.shape(model.input.members[label]!.target) as StringShape;
    const body = validBody(model);
    for (const named of labelViolations(shape)) {
      add({ member: `/${label}`, constraint: named.constraint, how: named.how }, fc.tuple(body, named.arbitrary).map(([b, v]) => ({ labels: { ...labels, [label]: v }, body: b })));
    }
  }

  // The body as a whole.
  for (const named of wrongTypes(model.input)) add({ member: '', constraint: 'type', how: `the body is ${named.how}` }, named.arbitrary.map((v) => ({ labels, body: v })));
  add(
    { member: '', constraint: 'syntax', how: 'malformed JSON' },
    fc.tuple(validBody(model), fc.constantFrom('truncated', 'trailing comma', 'single quotes', 'unquoted key')).map(([b, how]) => ({ labels, rawBody: malform(JSON.stringify(b), how) })),
  );
  // Every pattern swept, character by character (deterministic: the same cases whatever --runs).
  families.push(...forbiddenCharacterFamilies(model, ctx));
  return families;
}

type Emit = (pointer: string, constraint: ConstraintKind, named: NamedValues<unknown>) => void;

/** Visits every constraint below a member, emitting one violation strategy per (pointer, constraint, how). */
function walk(model: OperationModel, shapeName: string, pointer: string, member: string, emit: Emit): void {
  const shape = model.shape(shapeName);
  for (const named of wrongTypes(shape)) emit(pointer, 'type', named);
  switch (shape.type) {
    case 'string':
      for (const named of lengthViolations(shape.length, (n) => patternStringsOfLength(shape.pattern, n))) emit(pointer, 'length', named);
      if (shape.pattern) for (const named of patternStrings(shape.pattern, shape.length).violations) emit(pointer, 'pattern', named);
      break;
    case 'integer':
      for (const named of rangeIntegers(shape.range).violations) emit(pointer, 'range', named);
      break;
    case 'enum':
      for (const named of enumValues(shape.values).violations) emit(pointer, 'enum', named);
      break;
    case 'list': {
      const item = (n: number) => fc.array(validValue(model, shape.member), { minLength: n, maxLength: n });
      for (const named of lengthViolations(shape.length, item)) emit(pointer, 'length', named);
      for (let i = 0; i < listPositions(model, shape); i++) walk(model, shape.member, `${pointer}/${i}`, member, emit);
      break;
    }
    case 'structure':
      for (const [name, m] of Object.entries(shape.members)) {
        if (m.required) emit(`${pointer}/${name}`, 'required', { how: 'missing', arbitrary: fc.constant(undefined) });
        walk(model, m.target, `${pointer}/${name}`, member, emit);
      }
      break;
    case 'timestamp':
      break;
  }
}

function labelViolations(shape: StringShape): (NamedValues<string> & { constraint: ConstraintKind })[] {
  const out: (NamedValues<string> & { constraint: ConstraintKind })[] = [];
  if (shape.length?.max !== undefined) {
    for (const named of lengthViolations({ max: shape.length.max }, (n) => patternStringsOfLength(shape.pattern, n))) out.push({ ...named, constraint: 'length' });
  }
  if (shape.pattern) {
    // Only strategies that keep the label non-empty and printable on a URL line matter here.
    for (const named of patternStrings(shape.pattern, { ...shape.length, min: Math.max(1, shape.length?.min ?? 1) }).violations) {
      if (named.how === 'whitespace only') out.push({ ...named, constraint: 'pattern' });
    }
  }
  return out;
}

/** The number of items a list must have for `pointer` (…/List/i/…) to exist. */
function listPositionOf(pointer: string): number {
  const index = pointer.split('/').find((k) => /^\d+$/.test(k));
  return index === undefined ? 0 : Number(index) + 1;
}

function malform(json: string, how: string): string {
  switch (how) {
    case 'truncated':
      return json.slice(0, Math.max(1, json.length - 1));
    case 'trailing comma':
      return `${json.slice(0, -1)},}`;
    case 'single quotes':
      return json.replace(/"/g, "'");
    default:
      return json.replace(/"(\w+)":/, '$1:');
  }
}
