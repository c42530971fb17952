import fc from 'fast-check';
import type { OperationModel } from '../src/spec/index.ts';
import type { FamilyContext } from './acceptFamilies.ts';
import { fictionalPhoneNumber, samePhoneNumber } from './fictionalPhoneNumber.ts';
import type { Case, CaseFamily } from './types.ts';
import { validBody } from './validBody.ts';

/** The list member that carries the participants' numbers (the required list of phone numbers). */
function participantsMember(model: OperationModel): string {
  const found = Object.entries(model.bodyMembers).find(([, m]) => {
    const shape = model.shape(m.target);
    return shape.type === 'list' && model.shape(shape.member).type === 'string' && 'fictional' in model.shape(shape.member);
  });
  if (!found) throw new Error('the spec has no list of phone numbers in the input');
  return found[0];
}

/**
 * Scenarios of several sessions open at once that share participants (invariant distinct-proxy-numbers):
 * one participant with several others, the same pair twice, and a ring of three. Sessions stay open
 * until the scenario is checked; at most 5 per scenario, so open sessions stay bounded.
 */
export function crossSessionFamilies(model: OperationModel, ctx: FamilyContext): CaseFamily[] {
  const labels = Object.fromEntries(model.labels.map((l) => [l, ctx.voiceConnectorId]));
  const member = participantsMember(model);
  const numbers = (n: number) => fc.uniqueArray(fictionalPhoneNumber(model), { minLength: n, maxLength: n, comparator: samePhoneNumber });
  const body = validBody(model);
  const scenario = (id: string, title: string, pairs: fc.Arbitrary<[string, string][]>): CaseFamily => ({
    id,
    title,
    kind: 'accept',
    arbitrary: pairs.chain((ps) =>
      fc.tuple(...ps.map((pair) => body.map((b) => ({ ...b, [member]: pair })))).map(
        (bodies): Case => ({ family: id, steps: bodies.map((body) => ({ kind: 'accept', labels, body })) }),
      ),
    ),
  });
  return [
    scenario('cross-session.shared-participant', 'one participant in 2 to 4 open sessions with different others',
      fc.integer({ min: 2, max: 4 }).chain((k) => numbers(k + 1)).map(([hub, ...others]) => others.map((o): [string, string] => [hub!, o]))),
    scenario('cross-session.same-pair-twice', 'the same two participants in two open sessions',
      numbers(2).map(([a, b]): [string, string][] => [[a!, b!], [b!, a!]])),
    scenario('cross-session.ring-of-three', 'three participants, each pair in its own open session',
      numbers(3).map(([a, b, c]): [string, string][] => [[a!, b!], [b!, c!], [c!, a!]])),
  ];
}
