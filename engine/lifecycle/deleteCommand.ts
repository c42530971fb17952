import type { LifecycleAction } from '../../generators/index.ts';
import { deleteThenNotFound } from '../../checks/index.ts';
import { recordDeleted } from '../sessionJournal.ts';
import { callOperation } from './callOperation.ts';
import { failIfAny } from './failIfAny.ts';
import { placeAt } from './placeAt.ts';
import { readConsistently } from './readConsistently.ts';
import { readSession } from './readSession.ts';
import { pick, targetableSessions } from './sessionTargets.ts';
import type { LifecycleCommand } from './types.ts';

/**
 * DeleteProxySession of a session the sequence created: an open one must answer the operation's success
 * code and is deleted from then on, which a Get right after it must confirm (read until consistent); a
 * deleted one must answer the unknownProxySession error (delete-then-not-found). The confirming Get makes
 * every successful delete judged, not only those a later step happens to act on.
 */
export function deleteCommand(action: Extract<LifecycleAction, { kind: 'delete' }>): LifecycleCommand {
  return {
    check: (state) => targetableSessions(state).length > 0,
    async run(state, run) {
      const session = pick(targetableSessions(state), action.target)!;
      const { ops, options } = run.runtime;
      const labels = { VoiceConnectorId: session.voiceConnectorId, ProxySessionId: session.id };
      if (session.deleted) {
        // Status and name are delete-then-not-found's to judge (once).
        const { call, step, failures } = await callOperation(run, { operation: ops.delete, title: `DeleteProxySession ${session.id} (deleted)`, labels, kind: 'deleted-session' });
        run.looked.add('delete-then-not-found');
        if (call.response?.status === run.runtime.model.spec.oracle.unknownProxySession.status) {
          const created = run.created.get(session.id);
          if (created) created.gone = true;
        }
        failIfAny(run, [...failures, ...placeAt(step, deleteThenNotFound(run.runtime.model, session.id, call))]);
        return;
      }
      const { call, failures } = await callOperation(run, { operation: ops.delete, title: `DeleteProxySession ${session.id}`, labels, kind: 'accept' });
      const status = call.response?.status;
      if (status !== undefined && status >= 200 && status <= 299) {
        session.deleted = true;
        recordDeleted(options.journalFile, { endpoint: options.endpoint, labels });
      }
      failIfAny(run, failures);
      if (session.deleted) failIfAny(run, await readConsistently(run, () => readSession(run, session)));
    },
    toString: () => `delete(${action.target})`,
  };
}
