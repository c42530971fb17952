import { lifecycleTerms } from '../generators/index.ts';
import { createdSessionId, type NotSent, type TransportFailure, type WireRequest, type WireResponse } from '../src/protocol/index.ts';
import type { OperationModel } from '../src/spec/index.ts';
import { recordUnconfirmed } from './sessionJournal.ts';
import type { RunOptions } from './types.ts';

/** Called by the transport with every create it sent and what came back (TransportSettings.onCreateAnswer). */
export type CreateAnswerHook = (request: WireRequest, result: WireResponse | TransportFailure | NotSent) => void;

/**
 * Journals the creates on the run's connector whose answer was lost: no answer or a cut-short one, a 5xx
 * (the session may exist all the same), a success without a session id. A refusal (4xx) made nothing; a
 * create that was never sent made nothing either. What the run learned the id of is journalled where the
 * id is read (recordCreated), so it is not counted here.
 */
export function journalLostCreates(model: OperationModel, options: Pick<RunOptions, 'endpoint' | 'voiceConnectorId' | 'journalFile'>): CreateAnswerHook {
  const member = lifecycleTerms(model).participantsMember;
  const connectorPath = `/${encodeURIComponent(options.voiceConnectorId)}/`;
  return (request, result) => {
    if (!options.journalFile || ('kind' in result && result.kind === 'not-sent')) return;
    if (!('kind' in result) && (result.status < 300 ? createdSessionId(result) !== undefined : result.status < 500)) return;
    if ('kind' in result && createdSessionId(result) !== undefined) return;
    // Only the run's own connector can be listed afterwards; a create elsewhere (an unknown connector) made nothing there.
    if (!new URL(request.url).pathname.includes(connectorPath)) return;
    const participants = participantsOf(request.body, member);
    if (participants.length === 0) return;
    recordUnconfirmed(options.journalFile, { endpoint: options.endpoint, voiceConnectorId: options.voiceConnectorId, participants, sentAt: Date.now() });
  };
}

function participantsOf(body: string | undefined, member: string): string[] {
  try {
    const list = (JSON.parse(body ?? '') as Record<string, unknown>)[member];
    return Array.isArray(list) ? list.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
}
