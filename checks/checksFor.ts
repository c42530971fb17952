import type { OperationModel } from '../src/spec/index.ts';
import { contentType } from './contentType.ts';
import { distinctProxyNumbers } from './distinctProxyNumbers.ts';
import { echoComplete } from './echoComplete.ts';
import { errorContract } from './errorContract.ts';
import { errorName } from './errorName.ts';
import { errorTypeHeader } from './errorTypeHeader.ts';
import {
  createdRecent,
  notEnded,
  participantsEcho,
  proxyNumberMasks,
  proxyNumbersDifferWithinSession,
  sessionIdUnique,
  statusOpen,
  twoParticipants,
  updatedAfterCreated,
  voiceConnectorEcho,
} from './invariants.ts';
import { malformedErrorName } from './malformedErrorName.ts';
import { notAServerError } from './notAServerError.ts';
import { requestEcho } from './requestEcho.ts';
import { requestId } from './requestId.ts';
import { responseSchema } from './responseSchema.ts';
import { sdkParses } from './sdkParses.ts';
import { statusCode } from './statusCode.ts';
import { transport } from './transport.ts';
import type { Check } from './types.ts';

/** Every check, in report order. */
export const allChecks: readonly Check[] = [
  transport,
  statusCode,
  notAServerError,
  contentType,
  responseSchema,
  sdkParses,
  twoParticipants,
  participantsEcho,
  proxyNumberMasks,
  voiceConnectorEcho,
  sessionIdUnique,
  statusOpen,
  createdRecent,
  updatedAfterCreated,
  notEnded,
  requestEcho,
  echoComplete,
  proxyNumbersDifferWithinSession,
  distinctProxyNumbers,
  errorContract,
  errorName,
  errorTypeHeader,
  malformedErrorName,
  requestId,
];

/** Spec invariants judged over sequences of calls by the lifecycle suite (suites/lifecycle.suite.ts), not per case. */
const LIFECYCLE_INVARIANTS: Record<string, string> = Object.fromEntries(
  ['read-after-create', 'list-complete', 'page-size-respected', 'pagination-ends', 'update-reflected', 'delete-then-not-found', 'session-id-never-reused', 'expiry-closes-session', 'sticky-numbers', 'geo-match', 'default-expiry'].map((id) => [id, 'lifecycle']),
);

/**
 * The checks with the strengths the spec gives its invariants (/invariants/*\/strength): a check named
 * after an invariant is required, opt-in or advisory as the spec says; `strict` turns opt-in into required.
 * Every spec invariant must have a check (or say which check enforces it), so none is silently dropped.
 */
export function checksFor(model: OperationModel, options: { strict: boolean }): Check[] {
  const ids = new Set(allChecks.map((c) => c.id));
  const enforcedElsewhere: Record<string, string> = { 'proxy-number-e164': 'response-schema', ...LIFECYCLE_INVARIANTS };
  for (const id of Object.keys(model.invariants)) {
    if (!ids.has(id) && !enforcedElsewhere[id]) throw new Error(`spec invariant "${id}" has no check`);
  }
  return allChecks.map((check) => {
    const spec = model.invariants[check.id];
    if (!spec) return check;
    const strength = spec.strength === 'opt-in' && options.strict ? 'required' : spec.strength;
    return { ...check, strength };
  });
}
