import fc from 'fast-check';
import type { OperationModel, StringShape, UnspecifiedCaseSpec } from '../src/spec/index.ts';
import { setAt } from './_pointer.ts';
import { singleRequestFamily, slug } from './_family.ts';
import type { FamilyContext } from './acceptFamilies.ts';
import { fictionalPhoneNumber } from './fictionalPhoneNumber.ts';
import { PROBE_CHARS } from './_regex.ts';
import type { Case, CaseFamily, RequestCase } from './types.ts';
import { validBody } from './validBody.ts';
import { validValue } from './validValue.ts';

type Request = Omit<RequestCase, 'kind'>;

/**
 * Unspecified families (docs/oracle.md, "The oracle", kind 3): model-valid requests whose behaviour is not
 * documented, one family per spec /oracle/unspecified case of the operation's input. Any 2xx that passes
 * the response checks or any 4xx that keeps the error contract is fine; a 5xx or a hang is not.
 */
export function unspecifiedFamilies(model: OperationModel, ctx: FamilyContext): CaseFamily[] {
  const labels = Object.fromEntries(model.labels.map((l) => [l, ctx.voiceConnectorId]));
  return model.ownUnspecified.flatMap((spec) => {
    const request = requestFor(model, spec, labels);
    const family = request ? [singleRequestFamily(slug('unspecified', spec.id), `${spec.member ?? 'any optional member'}: ${spec.why}`, 'unspecified', request.map((r) => ({ ...r, unspecified: spec.id })))] : [];
    return [...family, ...labelLengthBoundaries(model, spec, labels)];
  });
}

function requestFor(model: OperationModel, spec: UnspecifiedCaseSpec, labels: Record<string, string>): fc.Arbitrary<Request> | undefined {
  const body = validBody(model, { presence: 'all' });
  const member = spec.member;
  const withMember = (value: fc.Arbitrary<unknown>): fc.Arbitrary<Request> =>
    fc.tuple(body, value).map(([b, v]) => ({ labels, body: setAt(b, `/${member}`, v) }));

  if (spec.nullOptional) {
    const optional = Object.entries(model.bodyMembers).filter(([, m]) => !m.required).map(([n]) => n);
    return fc.tuple(body, fc.constantFrom(...optional)).map(([b, name]) => ({ labels, body: setAt(b, `/${name}`, null) }));
  }
  if (member === undefined) return undefined;
  const target = model.input.members[member]!.target;
  const shape = model.shape(target);
  if (spec.value !== undefined) return withMember(fc.constant(spec.value));
  if (spec.above !== undefined) return withMember(fc.oneof(fc.constant(spec.above + 1), fc.integer({ min: spec.above + 1, max: 2 ** 31 - 1 })));
  if (spec.below !== undefined) return withMember(fc.oneof(fc.constant(spec.below - 1), fc.integer({ min: -(2 ** 31), max: spec.below - 1 })));
  if (spec.duplicate && shape.type === 'list') {
    return withMember((validValue(model, target, { nonEmpty: true }) as fc.Arbitrary<unknown[]>).map((items) => [...items, items[0]]));
  }
  if (spec.identical && shape.type === 'list') {
    // The same number twice, or once with and once without the leading '+'.
    return withMember(fc.tuple(fictionalPhoneNumber(model, { plus: true }), fc.boolean()).map(([n, strip]) => [n, strip ? n.slice(1) : n]));
  }
  if (spec.emptyStrings && shape.type === 'list') {
    // An empty string at one position of an otherwise valid list (PhoneNumberPoolCountries).
    return fc
      .tuple(body, fc.nat())
      .map(([b, at]) => {
        const items = [...(b[member] as unknown[])];
        items[at % items.length] = '';
        return { labels, body: setAt(b, `/${member}`, items) };
      });
  }
  if (spec.emptyStrings && shape.type === 'structure') {
    const names = Object.keys(shape.members);
    return fc
      .tuple(body, fc.subarray(names, { minLength: 1 }))
      .map(([b, empty]) => ({ labels, body: setAt(b, `/${member}`, { ...(b[member] as object), ...Object.fromEntries(empty.map((n) => [n, ''])) }) }));
  }
  if (spec.breaksStricterPattern && shape.type === 'string' && shape.stricterPattern) {
    return fc.tuple(validBody(model), connectorIdBreakingOnlyStricter(shape)).map(([b, id]) => ({ labels: { ...labels, [member]: id }, body: b }));
  }
  return undefined;
}

/**
 * The label at exactly its @length minimum and maximum (NonEmptyString128: 1 and 128). Such an id is
 * valid to the model, but no id of those lengths meets botocore's narrower pattern, so these are
 * unspecified cases rather than must-accept (or unknown-connector) ones: the one oracle the boundaries
 * have. Deterministic: one case per boundary, each a run of one character (the first, in PROBE_CHARS
 * order, that keeps the model's pattern and breaks only the narrower one).
 */
function labelLengthBoundaries(model: OperationModel, spec: UnspecifiedCaseSpec, labels: Record<string, string>): CaseFamily[] {
  const member = spec.member;
  if (!spec.breaksStricterPattern || member === undefined || !model.labels.includes(member)) return [];
  const shape = model.shape(model.input.members[member]!.target);
  if (shape.type !== 'string' || !shape.stricterPattern || shape.length === undefined) return [];
  const base = new RegExp(shape.pattern ?? '', 'u');
  const stricter = new RegExp(shape.stricterPattern.pattern, 'u');
  const lengths = [...new Set([Math.max(1, shape.length.min ?? 1), shape.length.max].filter((n): n is number => n !== undefined))];
  // A label of only '.' is a dot-segment that URL handling removes from the path (RFC 3986 section 5.2.4).
  const ids = lengths.flatMap((n) => PROBE_CHARS.filter((c) => c !== '.').map((c) => c.repeat(n)).filter((id) => base.test(id) && !stricter.test(id) && id !== labels[member]).slice(0, 1));
  if (ids.length === 0) return [];
  const id = slug('unspecified', spec.id, 'length boundaries');
  const bodies = fc.sample(validBody(model), { seed: 1, numRuns: ids.length });
  const cases: Case[] = ids.map((value, i) => ({ family: id, steps: [{ kind: 'unspecified', labels: { ...labels, [member]: value }, body: bodies[i], unspecified: spec.id }] }));
  return [
    {
      id,
      title: `${member}: exactly ${lengths.join(' and ')} characters, the @length boundaries (${spec.why})`,
      kind: 'unspecified',
      arbitrary: fc.constantFrom(...cases),
      cases,
    },
  ];
}

/** Meets the model's @length and @pattern, but not botocore's narrower VoiceConnectorId pattern. */
function connectorIdBreakingOnlyStricter(shape: StringShape): fc.Arbitrary<string> {
  const base = new RegExp(shape.pattern ?? '', 'u');
  const stricter = new RegExp(shape.stricterPattern!.pattern, 'u');
  const max = Math.min(shape.length?.max ?? 40, 40);
  return fc
    .string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~'), minLength: Math.max(1, shape.length?.min ?? 1), maxLength: max })
    .filter((s) => base.test(s) && !stricter.test(s) && !/^\.+$/.test(s)); // '.' and '..' are removed by URL normalisation: another route
}
