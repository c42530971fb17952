import fc from 'fast-check';
import type { OperationModel } from '../src/spec/index.ts';
import { singleRequestFamily, slug } from './_family.ts';
import { acceptFamilies, type FamilyContext } from './acceptFamilies.ts';
import { enumValues } from './constraints/enumValues.ts';
import { rangeIntegers } from './constraints/range.ts';
import { malformedHttpFamilies } from './malformedHttpFamilies.ts';
import { connectorOperations, siblingOperations } from './otherOperations.ts';
import { rejectFamilies } from './rejectFamilies.ts';
import type { Case, CaseFamily, RequestCase, Violation } from './types.ts';
import { unspecifiedFamilies } from './unspecifiedFamilies.ts';
import { validValue } from './validValue.ts';

/**
 * The families of one of the spec's other operations (spec /operations), derived from its input shape as
 * the conformance target's are:
 * - `accept`: random valid input, every boundary and enum value of its body and query members, optional
 *   members present and absent;
 * - `reject`: exactly one labelled violation per constraint of every label, query and body member, and
 *   the body's malformed-HTTP families (generators/malformedHttpFamilies.ts);
 * - `unspecified`: the spec's unspecified cases of its input, and the requests no operation binds on its
 *   path (each path's methods are tried once, by the first operation on it: the target, the operations
 *   any run may call, then those that change a connector).
 * Ids, titles and `covers` name the operation (`reject.UpdateProxySession.ExpiryMinutes.range…`,
 * `UpdateProxySession:/ExpiryMinutes#range`), and every step calls it. Labels name `ctx`'s connector:
 * the caller decides what a step really acts on (operationFamilies.ts, connectorFamilies.ts).
 */
export function inputFamilies(model: OperationModel, operation: OperationModel, ctx: FamilyContext, kind: 'accept' | 'reject' | 'unspecified'): CaseFamily[] {
  // An operation without body members sends no body: a whole-body break is not one of its constraints,
  // and its random valid input is its labels and query.
  const bodiless = Object.keys(operation.bodyMembers).length === 0;
  const own =
    kind === 'unspecified'
      ? [...unspecifiedFamilies(operation, ctx), ...malformedHttpFamilies(operation, ctx, 'unspecified', { routes: triesRoutes(model, operation) })]
      : kind === 'accept'
        ? [...(bodiless ? [randomInput(operation, ctx)] : acceptFamilies(operation, ctx)), ...queryAcceptFamilies(operation, ctx)]
        : [...rejectFamilies(operation, ctx).filter((f) => !(bodiless && f.covers?.startsWith('#')) && !sweptBefore(model, operation, f)), ...queryRejectFamilies(operation, ctx), ...malformedHttpFamilies(operation, ctx, 'reject')];
  return own.map((family) => {
    const [prefix, ...rest] = family.id.split('.');
    const id = [prefix, slug(operation.name), ...rest].join('.');
    const call = (c: Case): Case => ({ family: id, steps: c.steps.map((step) => stepOf(operation, step, bodiless)) });
    return {
      ...family,
      id,
      title: `${operation.name}: ${family.title}`,
      ...(family.covers !== undefined ? { covers: `${operation.name}:${family.covers}` } : {}),
      arbitrary: family.arbitrary.map(call),
      ...(family.cases ? { cases: family.cases.map(call) } : {}),
    };
  });
}

// --- internal ---

function stepOf(operation: OperationModel, step: RequestCase, bodiless: boolean): RequestCase {
  const own: RequestCase = { ...step, operation: operation.name };
  if (bodiless) delete own.body;
  return own;
}

/**
 * Whether the operation is the first on its path, of the target, the operations any run may call and then
 * those that change a connector: the one whose unspecified families try the methods and the sub-path no
 * operation binds there. So a run that may not change connectors still tries every path a run may call.
 */
function triesRoutes(model: OperationModel, operation: OperationModel): boolean {
  const order = [model, ...siblingOperations(model), ...connectorOperations(model)];
  return order.find((op) => op.http.uri === operation.http.uri)?.name === operation.name;
}

/**
 * Whether a family is a forbidden-character sweep (forbiddenCharacterFamilies.ts: a deterministic family
 * of pattern breaks) of a shape an operation before this one already sweeps, in the order of triesRoutes.
 * A sweep tries a shape's @pattern one printable character at a time; the shape's validator is one, so
 * each shape is swept once per run (as a label and in a body, which differ in what reaches it), at its
 * first member: E164PhoneNumber at the create's ParticipantPhoneNumbers, not again at the Put's
 * FallBackPhoneNumber; NonEmptyString128 at the create's label, not again at every other operation's.
 * Every member keeps its random pattern breaks.
 */
function sweptBefore(model: OperationModel, operation: OperationModel, family: CaseFamily): boolean {
  if (family.cases === undefined || !family.covers?.endsWith('#pattern')) return false;
  const shape = shapeAt(operation, family.covers.slice(0, family.covers.lastIndexOf('#')));
  if (shape === undefined) return false;
  const order = [model, ...siblingOperations(model), ...connectorOperations(model)];
  return order.slice(0, order.findIndex((op) => op.name === operation.name)).some((op) => patternShapes(op).has(shape));
}

/** The shape a pointer into an operation's input lands on (list items as `*` or a position), keyed with whether it is a label. */
function shapeAt(operation: OperationModel, pointer: string): string | undefined {
  const [first, ...rest] = pointer.split('/').slice(1);
  const member = operation.input.members[first ?? ''];
  if (member === undefined) return undefined;
  let name = member.target;
  for (const segment of rest) {
    const shape = operation.shape(name);
    const next = shape.type === 'list' ? shape.member : shape.type === 'structure' ? shape.members[segment]?.target : undefined;
    if (next === undefined) return undefined;
    name = next;
  }
  return `${member.location === 'label' ? 'label' : 'body'}:${name}`;
}

/** Every string shape with a @pattern in an operation's input, keyed as shapeAt keys them. */
function patternShapes(operation: OperationModel): Set<string> {
  const found = new Set<string>();
  const visit = (name: string, where: string, seen: readonly string[]) => {
    if (seen.includes(name)) return;
    const shape = operation.shape(name);
    if (shape.type === 'string' && shape.pattern !== undefined) found.add(`${where}:${name}`);
    if (shape.type === 'list') visit(shape.member, where, [...seen, name]);
    if (shape.type === 'structure') for (const m of Object.values(shape.members)) visit(m.target, where, [...seen, name]);
  };
  for (const m of Object.values(operation.input.members)) visit(m.target, m.location === 'label' ? 'label' : 'body', []);
  return found;
}

/** A random valid call of an operation without a body: its labels, and any valid query. */
function randomInput(operation: OperationModel, ctx: FamilyContext): CaseFamily {
  const labels = Object.fromEntries(operation.labels.map((l) => [l, ctx.voiceConnectorId]));
  return singleRequestFamily(slug('accept', 'random'), 'random valid request', 'accept', randomQuery(operation).map((query) => ({ labels, ...(Object.keys(query).length > 0 ? { query } : {}) })));
}

/** Must-accept values of the operation's query members: every boundary of a range, every enum value. */
function queryAcceptFamilies(operation: OperationModel, ctx: FamilyContext): CaseFamily[] {
  const labels = Object.fromEntries(operation.labels.map((l) => [l, ctx.voiceConnectorId]));
  const families: CaseFamily[] = [];
  for (const [member, spec] of queryMembers(operation)) {
    const shape = operation.shape(spec.target);
    const values: { how: string; arbitrary: fc.Arbitrary<unknown> }[] =
      shape.type === 'integer' ? rangeIntegers(shape.range).boundaries : shape.type === 'enum' ? shape.values.map((v) => ({ how: `= ${v}`, arbitrary: fc.constant(v) })) : [];
    for (const { how, arbitrary } of values) {
      const request = fc.tuple(randomQuery(operation), arbitrary).map(([query, value]) => ({ ...query, [spec.queryName]: String(value) }));
      families.push(singleRequestFamily(slug('accept', member, how), `${member} (query ${spec.queryName}): ${how}`, 'accept', request.map((query) => ({ labels, query })), `/${member}#${shape.type === 'integer' ? 'range' : 'enum'}`));
    }
  }
  return families;
}

/**
 * Must-reject values of the operation's query members, one constraint each: a range broken, a value
 * outside the enum, an integer that is not a number. A paging token is left out: only the service can
 * tell a valid one, and its length limit is larger than what a URL may carry.
 */
function queryRejectFamilies(operation: OperationModel, ctx: FamilyContext): CaseFamily[] {
  const labels = Object.fromEntries(operation.labels.map((l) => [l, ctx.voiceConnectorId]));
  const families: CaseFamily[] = [];
  for (const [member, spec] of queryMembers(operation)) {
    const shape = operation.shape(spec.target);
    const add = (violation: Violation, value: fc.Arbitrary<string>) => {
      const request = fc.tuple(randomQuery(operation, member), value).map(([query, v]) => ({ labels, query: { ...query, [spec.queryName]: v }, violation }));
      families.push(singleRequestFamily(slug('reject', member, violation.constraint, violation.how), `${member} (query ${spec.queryName}): ${violation.constraint}: ${violation.how}`, 'reject', request, `${violation.member}#${violation.constraint}`));
    };
    if (shape.type === 'integer') {
      for (const named of rangeIntegers(shape.range).violations) add({ member: `/${member}`, constraint: 'range', how: named.how }, named.arbitrary.map(String));
      add({ member: `/${member}`, constraint: 'type', how: 'text that is not a number' }, fc.constantFrom('ten', '1.5', 'NaN'));
    }
    if (shape.type === 'enum') {
      for (const named of enumValues(shape.values).violations) add({ member: `/${member}`, constraint: 'enum', how: named.how }, named.arbitrary);
    }
  }
  return families;
}

/** The query members a case may set: every one but the paging token (spec /operations/<name>/paging). */
function queryMembers(operation: OperationModel): [string, OperationModel['queryMembers'][string]][] {
  return Object.entries(operation.queryMembers).filter(([member]) => member !== operation.paging?.inputToken);
}

/** Valid values of some of the query members (never the paging token), by their wire names; `without` is left out. */
function randomQuery(operation: OperationModel, without?: string): fc.Arbitrary<Record<string, string>> {
  const members = queryMembers(operation).filter(([member]) => member !== without);
  const record = Object.fromEntries(members.map(([, spec]) => [spec.queryName, validValue(operation, spec.target).map(String)]));
  return fc.record(record, { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>;
}
