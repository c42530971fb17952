import { participantKeys, participantNumbers, sameSet, sessionOfAnswer } from './sessionOfAnswer.ts';
import type { Exchange } from '../types.ts';
import type { Finding, TrackedSession } from './types.ts';

/**
 * read-after-create (spec /invariants): GetProxySession of a session this run created and has not deleted
 * answers that very session: its id, its connector, its participants with the proxy numbers the create
 * gave them, and its capabilities (after an update those are update-reflected's). Members an answer leaves
 * out are not judged (every ProxySession member is optional), but a Get that finds no session is.
 */
export function readAfterCreate(session: TrackedSession, exchange: Exchange): Finding[] {
  const found = sessionOfAnswer(exchange);
  const fail = (path: string, expected: unknown, actual: unknown, message: string): Finding => ({ check: 'read-after-create', path, expected, actual, message });
  if (!found) {
    const what = exchange.response ? `answered ${exchange.response.status}` : 'got no answer';
    return exchange.failure ? [] : [fail('body/ProxySession', `session ${session.id}`, exchange.response?.status, `GetProxySession of session ${session.id}, which this run created and has not deleted, ${what} instead of the session`)];
  }
  const out: Finding[] = [];
  if (found.ProxySessionId !== undefined && found.ProxySessionId !== session.id) {
    out.push(fail('body/ProxySession/ProxySessionId', session.id, found.ProxySessionId, `GetProxySession of session ${session.id} answered session ${String(found.ProxySessionId)}`));
  }
  if (found.VoiceConnectorId !== undefined && found.VoiceConnectorId !== session.voiceConnectorId) {
    out.push(fail('body/ProxySession/VoiceConnectorId', session.voiceConnectorId, found.VoiceConnectorId, `session ${session.id} was created on connector ${session.voiceConnectorId} but reads as on ${String(found.VoiceConnectorId)}`));
  }
  if (Array.isArray(found.Participants)) {
    const expected = participantKeys(session.participants);
    const actual = participantKeys(participantNumbers(found));
    if (expected.join(',') !== actual.join(',')) {
      out.push(fail('body/ProxySession/Participants', expected, actual, `session ${session.id} reads with other participants or proxy numbers than its create answered`));
    }
  }
  if (!session.updated && Array.isArray(found.Capabilities) && !sameSet(found.Capabilities, session.capabilities)) {
    out.push(fail('body/ProxySession/Capabilities', session.capabilities, found.Capabilities, `session ${session.id} reads with other Capabilities than it was created with`));
  }
  return out;
}
