import fc from 'fast-check';
import type { OperationModel } from '../src/spec/index.ts';
import { singleRequestFamily, slug } from './_family.ts';
import { acceptFamilies, type FamilyContext } from './acceptFamilies.ts';
import { enumValues } from './constraints/enumValues.ts';
import { rangeIntegers } from './constraints/range.ts';
import { malformedHttpFamilies } from './malformedHttpFamilies.ts';
import { rejectFamilies } from './rejectFamilies.ts';
import type { Case, CaseFamily, RequestCase, Violation } from './types.ts';
import { validBody } from './validBody.ts';
import { validValue } from './validValue.ts';

/**
 * The families of the spec's other operations (spec /operations), derived from each one's input shape as
 * the conformance target's are: must-accept (random valid input, every boundary and enum value of its body
 * and query members) and must-reject (exactly one labelled violation per constraint of every label, query
 * and body member). Only operations a run may call on a user's account take part:
 * - operations on one proxy session (their labels name the session, spec /cleanup's label): they act on a
 *   session the case itself creates first (RequestCase.sessionFrom), never on anyone else's;
 * - reads (GET) of what the connector holds.
 * Operations that change a connector or its proxy configuration are left out: a wrongly accepted case
 * would change the user's connector. Family ids, titles and `covers` name the operation
 * (`reject.UpdateProxySession.ExpiryMinutes.range…`, `UpdateProxySession:/ExpiryMinutes#range`).
 */
export function operationFamilies(model: OperationModel, ctx: FamilyContext, kind: 'accept' | 'reject' | 'unspecified'): CaseFamily[] {
  // Paths already tried for methods and sub-paths no operation binds: the target's, then each sibling's first.
  const routed = new Set([model.http.uri]);
  return siblingOperations(model).flatMap((operation) => {
    if (kind === 'unspecified') {
      const routes = !routed.has(operation.http.uri);
      routed.add(operation.http.uri);
      return malformedHttpFamilies(operation, ctx, 'unspecified', { routes }).map((f) => forOperation(model, operation, f, ctx, false));
    }
    // An operation without body members sends no body: a whole-body break is not one of its constraints,
    // and its random valid input is its labels and query.
    const bodiless = Object.keys(operation.bodyMembers).length === 0;
    const own =
      kind === 'accept'
        ? [...(bodiless ? [randomInput(operation, ctx)] : acceptFamilies(operation, ctx)), ...queryAcceptFamilies(operation, ctx)]
        : [...rejectFamilies(operation, ctx).filter((f) => !(bodiless && f.covers?.startsWith('#'))), ...queryRejectFamilies(operation, ctx), ...malformedHttpFamilies(operation, ctx, 'reject')];
    return own.map((f) => forOperation(model, operation, f, ctx, bodiless));
  });
}

/** The spec's operations besides the conformance target that a run may call (see operationFamilies). */
export function siblingOperations(model: OperationModel): OperationModel[] {
  const sessionLabel = sessionLabelOf(model);
  return Object.keys(model.spec.operations)
    .filter((name) => name !== model.name)
    .map((name) => model.operation(name))
    .filter((op) => op.labels.includes(sessionLabel) || op.http.method === 'GET');
}

// --- internal ---

/** The label that names one session: the one the cleanup operation (spec /cleanup) has beyond the create's. */
function sessionLabelOf(model: OperationModel): string {
  const label = model.operation(model.spec.cleanup.operation).labels.find((l) => !model.labels.includes(l));
  if (!label) throw new Error(`spec /cleanup: ${model.spec.cleanup.operation} has no label beyond ${model.name}'s`);
  return label;
}

/**
 * One of the operation's own families as a family of the run: its id, title and coverage name the
 * operation, its steps call it, and a step on one session acts on a session the case creates first. Only
 * a case that breaks the session label itself needs no session: its one violation is that label.
 */
function forOperation(model: OperationModel, operation: OperationModel, family: CaseFamily, ctx: FamilyContext, bodiless: boolean): CaseFamily {
  const sessionLabel = sessionLabelOf(model);
  const [prefix, ...rest] = family.id.split('.');
  const id = [prefix, slug(operation.name), ...rest].join('.');
  const onSession = operation.labels.includes(sessionLabel);
  const connector = Object.fromEntries(model.labels.map((l) => [l, ctx.voiceConnectorId]));
  const call = (step: RequestCase): RequestCase => {
    const own: RequestCase = { ...step, operation: operation.name };
    if (bodiless) delete own.body;
    if (!onSession || step.violation?.member === `/${sessionLabel}`) return own;
    return { ...own, sessionFrom: { step: 0, label: sessionLabel } };
  };
  const needsSession = (c: Case) => onSession && c.steps.some((s) => s.violation?.member !== `/${sessionLabel}`);
  const create = (body: Record<string, unknown>): RequestCase => ({ kind: 'accept', labels: connector, body });
  const withSession = (c: Case, body: Record<string, unknown>): Case => ({ family: id, steps: needsSession(c) ? [create(body), ...c.steps.map(call)] : c.steps.map(call) });
  // The session a case acts on is created with a plain valid body; a deterministic family gets one fixed body.
  const bodies = validBody(model, { presence: 'required' });
  const fixed = fc.sample(bodies, { seed: 0, numRuns: 1 })[0]!;
  return {
    ...family,
    id,
    title: `${operation.name}: ${family.title}`,
    ...(family.covers !== undefined ? { covers: `${operation.name}:${family.covers}` } : {}),
    arbitrary: fc.tuple(family.arbitrary, bodies).map(([c, body]) => withSession(c, body)),
    ...(family.cases ? { cases: family.cases.map((c) => withSession(c, fixed)) } : {}),
  };
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
