import type { LifecycleAction } from '../../generators/index.ts';
import { callOperation } from './callOperation.ts';
import { failIfAny } from './failIfAny.ts';
import { openSessions, pick } from './sessionTargets.ts';
import type { LifecycleCommand } from './types.ts';

/**
 * UpdateProxySession of an open session with a body that breaks exactly one constraint trait (a case of
 * rejectFamilies(UpdateProxySession): a missing Capabilities, an unknown capability, ExpiryMinutes out of
 * range, ...): the oracle's constraintViolation error (spec /oracle/constraintViolation). The session
 * exists, so only the body can be at fault. The model does not change.
 */
export function updateInvalidCommand(action: Extract<LifecycleAction, { kind: 'update-invalid' }>): LifecycleCommand {
  const { violation } = action;
  return {
    check: (state) => openSessions(state).length > 0,
    async run(state, run) {
      const session = pick(openSessions(state), action.target)!;
      const { ops } = run.runtime;
      const title = `UpdateProxySession ${session.id} with ${violation.member.slice(1)} breaking ${violation.constraint}: ${violation.how}`;
      const { failures } = await callOperation(run, { operation: ops.update, title, labels: { VoiceConnectorId: session.voiceConnectorId, ProxySessionId: session.id }, body: action.body, kind: 'reject', violation });
      failIfAny(run, failures);
    },
    toString: () => `update-invalid(${action.target}, ${violation.member}#${violation.constraint}: ${violation.how})`,
  };
}
