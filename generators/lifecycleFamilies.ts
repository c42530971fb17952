import fc from 'fast-check';
import type { IntegerShape, OperationModel, StructureShape } from '../src/spec/index.ts';
import { fictionalPhoneNumber, samePhoneNumber } from './fictionalPhoneNumber.ts';
import { lifecycleSequence } from './lifecycleSequence.ts';
import { lifecycleTerms } from './lifecycleTerms.ts';
import type { LifecycleFamily, LifecycleScenario } from './lifecycleTypes.ts';
import { validBody } from './validBody.ts';

/**
 * The lifecycle suite's families: the model-based sequences, and one fixed probe per invariant that a
 * random sequence cannot reach (expiry needs the endpoint's clock moved; the advisory preferences need a
 * pair reopened, a geo preference, a create without ExpiryMinutes, a list longer than its page). Every value comes from the spec.
 */
export function lifecycleFamilies(model: OperationModel, options: { maxCommands: number }): LifecycleFamily[] {
  const terms = lifecycleTerms(model);
  const create = model.operation(model.spec.operation.name);
  const expiryMember = 'ExpiryMinutes';
  const expiryMin = (create.shape(create.bodyMembers[expiryMember]!.target) as IntegerShape).range?.min ?? 1;
  const pageMin = Math.max(1, terms.list.pageSizeRange.min ?? 1);
  const body = (pinned: Record<string, fc.Arbitrary<unknown>> = {}) => validBody(create, { pinned }).map(({ [terms.participantsMember]: _, ...rest }) => rest);
  const participants = fc
    .uniqueArray(fictionalPhoneNumber(model), { minLength: 2, maxLength: 2, comparator: samePhoneNumber })
    .map((pair) => pair as [string, string]);
  const scenario = (bodies: fc.Arbitrary<Record<string, unknown>[]>): fc.Arbitrary<LifecycleScenario> => fc.record({ participants, bodies });

  return [
    { id: 'lifecycle.sequences', title: 'model-based sequences of Create, Get, List, Update and Delete calls', kind: 'sequence', arbitrary: lifecycleSequence(model, options) },
    {
      id: 'lifecycle.expiry',
      title: `a session with the shortest ExpiryMinutes (${expiryMin}), read after the endpoint's clock passed it`,
      kind: 'scenario',
      scenario: 'expiry',
      arbitrary: scenario(body({ [expiryMember]: fc.constant(expiryMin) }).map((b) => [b])),
    },
    {
      id: 'lifecycle.sticky-numbers',
      title: `the same pair opens, closes and reopens a session with NumberSelectionBehavior ${terms.stickyBehavior}`,
      kind: 'scenario',
      scenario: 'sticky-numbers',
      // Without a geo preference, which could steer the choice of numbers away from the sticky ones.
      arbitrary: scenario(body({ NumberSelectionBehavior: fc.constant(terms.stickyBehavior) }).map(({ GeoMatchLevel: _l, GeoMatchParams: _p, ...b }) => [b, b])),
    },
    {
      id: 'lifecycle.geo-match',
      title: `a session per GeoMatchLevel, with GeoMatchParams of a fictional number and NumberSelectionBehavior ${terms.otherBehavior}`,
      kind: 'scenario',
      scenario: 'geo-match',
      // Not sticky: with PreferSticky the pair may get its numbers of the session before again, and the
      // model does not say which preference wins (seen with session-not-persisted, where they were free).
      arbitrary: scenario(geoBodies(model, (pinned) => body({ ...pinned, NumberSelectionBehavior: fc.constant(terms.otherBehavior) }))),
    },
    {
      id: 'lifecycle.default-expiry',
      title: `a session created without ${expiryMember}, next to the connector's proxy configuration`,
      kind: 'scenario',
      scenario: 'default-expiry',
      arbitrary: scenario(body().map(({ [expiryMember]: _, ...rest }) => [rest])),
    },
    {
      id: 'lifecycle.paging',
      title: `${pageMin + 1} sessions listed ${terms.list.pageSizeQuery} ${pageMin} at a time, every page followed through ${terms.list.outputToken}`,
      kind: 'scenario',
      scenario: 'paging',
      // One session more than the smallest page: the list must page (a random sequence seldom does).
      arbitrary: scenario(fc.array(body(), { minLength: pageMin + 1, maxLength: pageMin + 1 })),
    },
  ];
}

/**
 * One body per GeoMatchLevel value that names a GeoMatchParams member (Country, AreaCode), each with
 * GeoMatchParams for the first country of spec /lifecycle/geoMatch and the area code of a fictional
 * number in it: the three digits after its calling code (that entry's rule for NANP numbers).
 */
function geoBodies(model: OperationModel, body: (pinned: Record<string, fc.Arbitrary<unknown>>) => fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>[]> {
  const [country, callingCode] = Object.entries(model.spec.lifecycle.geoMatch.callingCodes)[0] ?? [];
  if (country === undefined || callingCode === undefined) throw new Error('spec /lifecycle/geoMatch/callingCodes lists no country');
  const create = model.operation(model.spec.operation.name);
  const params = create.bodyMembers.GeoMatchParams;
  const level = create.bodyMembers.GeoMatchLevel;
  if (!params || !level) throw new Error('the create input has no GeoMatchLevel and GeoMatchParams');
  const paramMembers = Object.keys((create.shape(params.target) as StructureShape).members);
  const levels = create.enumValues(level.target).filter((v) => paramMembers.includes(v));
  const areaCode = fictionalPhoneNumber(model)
    .map((n) => n.replace(/^\+/, ''))
    .filter((digits) => digits.startsWith(callingCode) && digits.length >= callingCode.length + 3)
    .map((digits) => digits.slice(callingCode.length, callingCode.length + 3));
  return areaCode.chain((AreaCode) =>
    fc.tuple(...levels.map((l) => body({ GeoMatchLevel: fc.constant(l), GeoMatchParams: fc.constant({ Country: country, AreaCode }) }))),
  );
}
