import { deleteThenNotFound, readAfterCreate, sessionOfAnswer, updateReflected, type CheckFailure, type TrackedSession } from '../../checks/index.ts';
import { callOperation } from './callOperation.ts';
import { placeAt } from './placeAt.ts';
import type { SequenceRun } from './types.ts';

/**
 * GetProxySession of a session this run created, judged against the model: a deleted one must answer the
 * oracle's unknownProxySession error (delete-then-not-found); any other must read back as created
 * (read-after-create) and as last updated (update-reflected). The model is left as it was; `apply`
 * commits what the read showed (its UpdatedTimestamp; that it is no longer open). `status` is the Status
 * the answer gave.
 */
export async function readSession(run: SequenceRun, session: TrackedSession): Promise<{ failures: CheckFailure[]; apply: () => void; status?: unknown }> {
  const { ops, terms } = run.runtime;
  const labels = { VoiceConnectorId: session.voiceConnectorId, ProxySessionId: session.id };
  if (session.deleted) {
    // Status and name are delete-then-not-found's to judge (once), not status-code's and error-name's too.
    const { call, step, failures } = await callOperation(run, { operation: ops.get, title: `GetProxySession ${session.id} (deleted)`, labels, kind: 'deleted-session' });
    run.looked.add('delete-then-not-found');
    const gone = call.response?.status === run.runtime.model.spec.oracle.unknownProxySession.status;
    return {
      failures: [...failures, ...placeAt(step, deleteThenNotFound(run.runtime.model, session.id, call))],
      apply: () => {
        const created = run.created.get(session.id);
        if (gone && created) created.gone = true;
      },
    };
  }
  const { call, step, failures } = await callOperation(run, { operation: ops.get, title: `GetProxySession ${session.id}`, labels, kind: 'accept' });
  run.looked.add('read-after-create');
  if (session.updated) run.looked.add('update-reflected');
  const found = sessionOfAnswer(call);
  return {
    status: found?.Status,
    failures: [...failures, ...placeAt(step, [...readAfterCreate(session, call), ...updateReflected(session, call, session.updatedTimestamp)])],
    apply: () => {
      if (!found) return;
      if (typeof found.UpdatedTimestamp === 'string') session.updatedTimestamp = found.UpdatedTimestamp;
      if (typeof found.Status === 'string' && found.Status !== terms.openStatus) session.closed = true;
    },
  };
}
