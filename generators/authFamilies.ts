import type { OperationModel } from '../src/spec/index.ts';
import { singleRequestFamily } from './_family.ts';
import type { FamilyContext } from './acceptFamilies.ts';
import type { AuthMutation, CaseFamily } from './types.ts';
import { validBody } from './validBody.ts';

const MUTATIONS: Record<AuthMutation, string> = {
  unsigned: 'no Authorization header at all',
  'wrong-signature': 'a signature that does not match the request',
  'stale-date': 'a correct signature over an X-Amz-Date an hour old',
};

/**
 * The opt-in `auth` suite (spec /oracle/unauthenticated): a valid, documented request whose SigV4
 * signature is missing, wrong, or stale. Only an endpoint that checks signatures can pass it.
 */
export function authFamilies(model: OperationModel, ctx: FamilyContext): CaseFamily[] {
  const labels = Object.fromEntries(model.labels.map((l) => [l, ctx.voiceConnectorId]));
  return (Object.keys(MUTATIONS) as AuthMutation[]).map((auth) =>
    singleRequestFamily(`auth.${auth}`, `SigV4: ${MUTATIONS[auth]}`, 'unauthenticated', validBody(model).map((body) => ({ labels, body, auth }))),
  );
}
