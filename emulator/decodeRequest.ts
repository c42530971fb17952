import type { OperationModel } from '../src/spec/index.ts';
import { parseBody } from './parseBody.ts';
import { parseQuery } from './parseQuery.ts';
import { validateInput, type ValidationFaults } from './validateInput.ts';

export type DecodedRequest =
  /** The Smithy view of the input; `nulls` are the JSON pointers of body members that were null. */
  | { kind: 'valid'; input: Record<string, unknown>; nulls: string[] }
  /** The body could not be deserialised (spec /oracle/malformedInput). */
  | { kind: 'malformed'; message: string }
  /** The input breaks a constraint (spec /oracle/constraintViolation). */
  | { kind: 'invalid'; message: string };

/**
 * Deserialises one request for its operation and validates it: the JSON body (only when the operation
 * has body members; Get, List and the Deletes ignore any body), the query members, and the labels
 * (percent-decoded by the router). restJson1 binds each member from one place only, so labels win over
 * query members and query members over body members of the same name.
 */
export function decodeRequest(model: OperationModel, target: string, labels: Readonly<Record<string, string>>, body: Buffer, faults?: ValidationFaults): DecodedRequest {
  let members: Record<string, unknown> = {};
  let nulls: string[] = [];
  if (Object.keys(model.bodyMembers).length > 0) {
    const parsed = parseBody(body);
    if (parsed.kind === 'malformed') return parsed;
    ({ body: members, nulls } = parsed);
  }
  const query = parseQuery(model, target);
  if (query.kind === 'malformed') return { kind: 'invalid', message: query.message };
  const input = { ...members, ...query.members, ...labels };
  const problem = validateInput(model, input, faults);
  return problem === undefined ? { kind: 'valid', input, nulls } : { kind: 'invalid', message: problem };
}
