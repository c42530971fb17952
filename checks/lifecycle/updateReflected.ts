import { sameSet, sessionOfAnswer } from './sessionOfAnswer.ts';
import type { Exchange } from '../types.ts';
import type { Finding, TrackedSession } from './types.ts';

/**
 * update-reflected (spec /invariants): after UpdateProxySession, its answer and the next Get carry the new
 * Capabilities (as a set) and, when the update set it, the new ExpiryMinutes; and UpdatedTimestamp is not
 * before the one read earlier (`previousUpdated`). `session` already holds the values the update wrote.
 * Members the answer leaves out are not judged (every ProxySession member is optional in the model), as
 * request-echo and read-after-create do.
 */
export function updateReflected(session: TrackedSession, exchange: Exchange, previousUpdated: string | undefined): Finding[] {
  const found = sessionOfAnswer(exchange);
  if (!session.updated || !found) return [];
  const what = exchange.step.operation ?? 'the call';
  const fail = (path: string, expected: unknown, actual: unknown, message: string): Finding => ({ check: 'update-reflected', path: `body/ProxySession/${path}`, expected, actual, message });
  const out: Finding[] = [];
  if (found.Capabilities !== undefined && found.Capabilities !== null && (!Array.isArray(found.Capabilities) || !sameSet(found.Capabilities, session.capabilities))) {
    out.push(fail('Capabilities', session.capabilities, found.Capabilities, `${what} of session ${session.id} does not carry the Capabilities the update set`));
  }
  if (session.updatedExpiryMinutes !== undefined && found.ExpiryMinutes !== undefined && found.ExpiryMinutes !== null && found.ExpiryMinutes !== session.updatedExpiryMinutes) {
    out.push(fail('ExpiryMinutes', session.updatedExpiryMinutes, found.ExpiryMinutes, `${what} of session ${session.id} does not carry the ExpiryMinutes the update set`));
  }
  const before = Date.parse(previousUpdated ?? '');
  const now = Date.parse(typeof found.UpdatedTimestamp === 'string' ? found.UpdatedTimestamp : '');
  if (Number.isFinite(before) && Number.isFinite(now) && now < before) {
    out.push(fail('UpdatedTimestamp', `not before ${previousUpdated}`, found.UpdatedTimestamp, `${what} of session ${session.id}: UpdatedTimestamp went back in time`));
  }
  return out;
}
