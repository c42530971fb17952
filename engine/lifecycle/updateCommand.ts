import type { LifecycleAction } from '../../generators/index.ts';
import { deleteThenNotFound, sessionOfAnswer, updateReflected } from '../../checks/index.ts';
import { callOperation } from './callOperation.ts';
import { failIfAny } from './failIfAny.ts';
import { membersInWords } from './membersInWords.ts';
import { placeAt } from './placeAt.ts';
import { pick, targetableSessions } from './sessionTargets.ts';
import type { LifecycleCommand } from './types.ts';

/**
 * UpdateProxySession with a valid body: of an open session, it must succeed and its answer must carry the
 * new values (update-reflected; the next reads are judged on them too); of a deleted one, it must answer
 * the unknownProxySession error (delete-then-not-found).
 */
export function updateCommand(action: Extract<LifecycleAction, { kind: 'update' }>): LifecycleCommand {
  return {
    check: (state) => targetableSessions(state).length > 0,
    async run(state, run) {
      const session = pick(targetableSessions(state), action.target)!;
      const { ops } = run.runtime;
      const labels = { VoiceConnectorId: session.voiceConnectorId, ProxySessionId: session.id };
      const words = membersInWords(action.body);
      if (session.deleted) {
        // Status and name are delete-then-not-found's to judge (once).
        const { call, step, failures } = await callOperation(run, { operation: ops.update, title: `UpdateProxySession ${session.id} (deleted) ${words}`, labels, body: action.body, kind: 'deleted-session' });
        run.looked.add('delete-then-not-found');
        failIfAny(run, [...failures, ...placeAt(step, deleteThenNotFound(run.runtime.model, session.id, call))]);
        return;
      }
      const { call, step, failures } = await callOperation(run, { operation: ops.update, title: `UpdateProxySession ${session.id} ${words}`, labels, body: action.body, kind: 'accept' });
      const found = sessionOfAnswer(call);
      if (!found) return failIfAny(run, failures);
      // The model takes the written values; the answer must already show them.
      const previous = session.updatedTimestamp;
      session.updated = true;
      session.capabilities = Array.isArray(action.body.Capabilities) ? action.body.Capabilities.map(String) : session.capabilities;
      // ExpiryMinutes is judged only when this update set it: what an update without it leaves is undocumented.
      const expiry = typeof action.body.ExpiryMinutes === 'number' ? action.body.ExpiryMinutes : undefined;
      session.updatedExpiryMinutes = expiry;
      if (expiry !== undefined) session.expiryMinutes = expiry;
      if (typeof found.UpdatedTimestamp === 'string') session.updatedTimestamp = found.UpdatedTimestamp;
      run.looked.add('update-reflected');
      failIfAny(run, [...failures, ...placeAt(step, updateReflected(session, call, previous))]);
    },
    toString: () => `update(${action.target})`,
  };
}
