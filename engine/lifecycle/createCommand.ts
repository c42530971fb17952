import type { LifecycleAction } from '../../generators/index.ts';
import { distinctProxyNumbersAmong, participantNumbers, sessionIdNeverReused, sessionOfAnswer, type CheckFailure } from '../../checks/index.ts';
import { callOperation } from './callOperation.ts';
import { failIfAny } from './failIfAny.ts';
import { createTitle } from './createTitle.ts';
import { placeAt } from './placeAt.ts';
import { openSessions } from './sessionTargets.ts';
import type { LifecycleCommand } from './types.ts';

/**
 * CreateProxySession with a valid body and two numbers of the sequence's pool. The new session must not
 * take an id an earlier session of the sequence had (session-id-never-reused) nor give a participant a
 * proxy number it already has with someone else in an open session (distinct-proxy-numbers). The model
 * tracks it as the create answered it.
 */
export function createCommand(action: Extract<LifecycleAction, { kind: 'create' }>): LifecycleCommand {
  return {
    check: () => true,
    async run(state, run) {
      const { ops, terms, connector } = run.runtime;
      const numbers = [state.pool[action.pair[0]]!, state.pool[action.pair[1]]!];
      const body = { ...action.body, [terms.participantsMember]: numbers };
      const capabilities = Array.isArray(action.body.Capabilities) ? (action.body.Capabilities as string[]) : [];
      const title = createTitle(numbers, action.body);
      const sentAt = Date.now();
      const { call, step, failures } = await callOperation(run, { operation: ops.create, title, labels: connector, body, kind: 'accept', creates: true });
      const found = sessionOfAnswer(call);
      const id = found?.ProxySessionId;
      const more: CheckFailure[] = [];
      if (found && typeof id === 'string' && id !== '') {
        const participants = participantNumbers(found);
        if (state.sessions.length > 0) run.looked.add('session-id-never-reused');
        const open = openSessions(state);
        if (open.length > 0) run.looked.add('distinct-proxy-numbers');
        more.push(...placeAt(step, [...sessionIdNeverReused(id, state.sessions), ...distinctProxyNumbersAmong(id, participants, open)]));
        state.sessions.push({
          id,
          voiceConnectorId: connector.VoiceConnectorId!,
          requested: numbers,
          participants,
          capabilities: Array.isArray(found.Capabilities) ? found.Capabilities.map(String) : capabilities,
          expiryMinutes: numberOr(found.ExpiryMinutes, numberOr(action.body.ExpiryMinutes, run.runtime.minExpiryMinutes)),
          ...(typeof found.UpdatedTimestamp === 'string' ? { updatedTimestamp: found.UpdatedTimestamp } : {}),
          updated: false,
          deleted: false,
          closed: false,
          createdAt: sentAt,
        });
      } else if (call.response && call.response.status >= 200 && call.response.status <= 299) {
        // A success that names no session cannot be read back, listed or deleted by anyone.
        run.looked.add('read-after-create');
        more.push({ check: 'read-after-create', path: 'body/ProxySession/ProxySessionId', expected: 'the new session and its ProxySessionId', actual: call.response.bodyText.slice(0, 200), message: 'CreateProxySession answered success without a ProxySessionId: the session cannot be read back', step });
      }
      failIfAny(run, [...failures, ...more]);
    },
    toString: () => `create(${action.pair.join(',')})`,
  };
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
