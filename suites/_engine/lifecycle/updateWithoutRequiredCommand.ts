import type { LifecycleAction } from '../../../generators/index.ts';
import { expectedAnswer } from '../../../src/checks/index.ts';
import { callOperation } from './callOperation.ts';
import { failIfAny } from './failIfAny.ts';
import { membersInWords } from './membersInWords.ts';
import { openSessions, pick } from './sessionTargets.ts';
import type { LifecycleCommand } from './types.ts';

/**
 * UpdateProxySession of an open session without a required body member: a broken @required trait, so the
 * oracle's constraintViolation error (spec /oracle/constraintViolation). The model does not change.
 */
export function updateWithoutRequiredCommand(action: Extract<LifecycleAction, { kind: 'update-without-required' }>): LifecycleCommand {
  return {
    check: (state) => openSessions(state).length > 0,
    async run(state, run) {
      const session = pick(openSessions(state), action.target)!;
      const { ops } = run.runtime;
      const expected = expectedAnswer(ops.update, { violates: 'required', what: `an UpdateProxySession body without ${action.member}` });
      const title = `UpdateProxySession ${session.id} without ${action.member} ${membersInWords(action.body)}`.trim();
      const { failures } = await callOperation(run, { operation: ops.update, title, labels: { VoiceConnectorId: session.voiceConnectorId, ProxySessionId: session.id }, body: action.body, expected });
      failIfAny(failures);
    },
    toString: () => `update-without-${action.member}(${action.target})`,
  };
}
