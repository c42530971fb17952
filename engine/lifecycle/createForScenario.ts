import { participantNumbers, sessionOfAnswer, type CheckFailure, type ParticipantNumbers } from '../../checks/index.ts';
import { callOperation } from './callOperation.ts';
import { createTitle } from './createTitle.ts';
import type { SequenceRun } from './types.ts';

/** A probe's CreateProxySession: the answer's session (id, participants) when it made one, and what the call's checks found. */
export async function createForScenario(
  run: SequenceRun,
  numbers: readonly string[],
  body: Record<string, unknown>,
): Promise<{ id?: string; session?: Record<string, unknown>; participants: ParticipantNumbers[]; failures: CheckFailure[] }> {
  const { ops, terms, connector } = run.runtime;
  const { call, failures } = await callOperation(run, {
    operation: ops.create,
    title: createTitle(numbers, body),
    labels: connector,
    body: { ...body, [terms.participantsMember]: [...numbers] },
    kind: 'accept',
    creates: true,
  });
  const session = sessionOfAnswer(call);
  const id = session?.ProxySessionId;
  if (!session || typeof id !== 'string') return { participants: [], failures };
  return { id, session, participants: participantNumbers(session), failures };
}
