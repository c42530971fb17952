import fc from 'fast-check';
import type { OperationModel } from '../src/spec/index.ts';
import { enumValues } from './constraints/enumValues.ts';
import { rangeIntegers } from './constraints/range.ts';
import { fictionalPhoneNumber, samePhoneNumber } from './fictionalPhoneNumber.ts';
import { lifecycleTerms } from './lifecycleTerms.ts';
import type { LifecycleAction, LifecycleSequence } from './lifecycleTypes.ts';
import { rejectFamilies } from './rejectFamilies.ts';
import { validBody } from './validBody.ts';

/**
 * Three numbers per sequence: every pair of them shares a participant with every other pair, so a
 * sequence that opens two sessions often puts one participant in both (distinct-proxy-numbers), and one
 * that opens, closes and reopens often repeats a pair.
 */
const POOL_SIZE = 3;

/**
 * Sequences of lifecycle calls for the model-based property (the lifecycle suite): creates with valid,
 * documented bodies (generators/validBody.ts, so every member's constraints come from the spec), reads,
 * lists with a page size from ResultMax's range, updates with valid bodies, deletes, and the invalid
 * variants: Get, Update and Delete of an id nobody created, an Update whose body breaks one constraint
 * trait (the rejection suite's derivation, rejectFamilies, applied to UpdateProxySession), and a
 * List whose query breaks a constraint trait (page size out of range, status not an enum value). Creates weigh most, so later steps have sessions to act on.
 *
 * A plain array of actions rather than fc.commands: fc.commands shrinks by which commands actually ran,
 * so replaying its counterexample needs its `replayPath` besides seed and path, and a report's `--path`
 * carries digits only. An array's shrinking depends on the value alone, so `--seed S --path P` regenerates
 * the shrunk sequence exactly. The suite still runs it as fast-check commands with fc.asyncModelRun
 * (engine/lifecycle/runSequence.ts).
 */
export function lifecycleSequence(model: OperationModel, options: { maxCommands: number }): fc.Arbitrary<LifecycleSequence> {
  const terms = lifecycleTerms(model);
  const create = model.operation(model.spec.operation.name);
  const update = model.operation('UpdateProxySession');
  const target = fc.nat({ max: options.maxCommands - 1 });
  // Bodies and ids are not shrunk: each try of a shrink is a whole sequence against the endpoint, and what
  // makes a failing sequence readable is fewer steps, which the array's shrinking finds far sooner without
  // first spending its tries on every character of a Name. (Their values are valid either way.)
  // The create body leaves out its participants: they come from the pool when the step runs.
  const createBody = fc.noShrink(validBody(create).map(({ [terms.participantsMember]: _, ...rest }) => rest));
  const updateBody = fc.noShrink(validBody(update));
  const traits = model.spec.oracle.constraintViolation.constraints;
  // Body members only (`covers` is `<member pointer>#<constraint>`): a label is the session's own id here.
  const updateViolations = rejectFamilies(update, { voiceConnectorId: '' })
    .filter((f) => {
      const [member = '', constraint = ''] = (f.covers ?? '').split('#');
      return member.startsWith('/') && !update.labels.includes(member.split('/')[1]!) && (traits as string[]).includes(constraint);
    })
    .map((f) => f.arbitrary.map((c) => ({ violation: c.steps[0]!.violation!, body: c.steps[0]!.body })));
  const pageSizes = rangeIntegers(terms.list.pageSizeRange);
  const listViolations = queryViolations(model.operation('ListProxySessions'));
  const unknownId = fc.noShrink(fc.uuid());

  const action: fc.Arbitrary<LifecycleAction> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('create' as const), pair: pairOf(POOL_SIZE), body: createBody }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('get' as const), target }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('list' as const), pageSize: pageSizes.valid, openOnly: fc.boolean() }, { requiredKeys: ['kind', 'openOnly'] }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('update' as const), target, body: updateBody }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), target }) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('unknown-session' as const), operation: fc.constantFrom('get' as const, 'update' as const, 'delete' as const), id: unknownId, body: updateBody }),
    },
    // Update bodies that break one constraint trait each: the rejection suite's derivation (rejectFamilies),
    // applied to UpdateProxySession and sent to a session that exists, so only the body can be at fault.
    ...(updateViolations.length > 0 ? [{ weight: 2, arbitrary: fc.record({ kind: fc.constant('update-invalid' as const), target, invalid: fc.noShrink(fc.oneof(...updateViolations)) }).map(({ invalid, ...rest }) => ({ ...rest, ...invalid })) }] : []),
    ...(listViolations.length > 0 ? [{ weight: 1, arbitrary: fc.noShrink(fc.oneof(...listViolations)) }] : []),
  );
  // Actions first: a shrink then first drops and simplifies steps, which is what makes a sequence readable.
  // The pool is not shrunk: smaller numbers read no better and each try is a whole sequence against the endpoint.
  return fc.record({
    actions: fc.array(action, { minLength: 1, maxLength: options.maxCommands }),
    pool: fc.noShrink(fc.uniqueArray(fictionalPhoneNumber(model), { minLength: POOL_SIZE, maxLength: POOL_SIZE, comparator: samePhoneNumber })),
  });
}

/**
 * One query parameter of `operation` that breaks its member's @range or enum, the others left out. Strings
 * without a pattern or length to break (the paging token) are skipped, and so is the empty string: an
 * empty query value may fairly be read as no value at all.
 */
function queryViolations(operation: OperationModel): fc.Arbitrary<Extract<LifecycleAction, { kind: 'list-invalid-query' }>>[] {
  const out: fc.Arbitrary<Extract<LifecycleAction, { kind: 'list-invalid-query' }>>[] = [];
  for (const [member, spec] of Object.entries(operation.queryMembers)) {
    const shape = operation.shape(spec.target);
    const named =
      shape.type === 'integer'
        ? rangeIntegers(shape.range).violations.map((v) => ({ constraint: 'range' as const, how: v.how, value: v.arbitrary.map(String) }))
        : shape.type === 'enum'
          ? enumValues(shape.values).violations.filter((v) => v.how !== 'the empty string').map((v) => ({ constraint: 'enum' as const, how: v.how, value: v.arbitrary }))
          : [];
    for (const v of named) out.push(v.value.map((value) => ({ kind: 'list-invalid-query' as const, member, queryName: spec.queryName, value, constraint: v.constraint, how: v.how })));
  }
  return out;
}

/** Two different positions in a pool of `size`; shrinks towards [0, 1]. */
function pairOf(size: number): fc.Arbitrary<[number, number]> {
  return fc.tuple(fc.nat({ max: size - 1 }), fc.nat({ max: size - 2 })).map(([a, b]): [number, number] => [a, (a + 1 + b) % size]);
}
