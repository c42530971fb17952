import type { LifecycleAction } from '../../generators/index.ts';
import { failIfAny } from './failIfAny.ts';
import { readConsistently } from './readConsistently.ts';
import { readSession } from './readSession.ts';
import { pick, targetableSessions } from './sessionTargets.ts';
import type { LifecycleCommand } from './types.ts';

/** GetProxySession of a session the sequence created (open or deleted), read until consistent (readSession). */
export function getCommand(action: Extract<LifecycleAction, { kind: 'get' }>): LifecycleCommand {
  return {
    check: (state) => targetableSessions(state).length > 0,
    async run(state, run) {
      const session = pick(targetableSessions(state), action.target)!;
      failIfAny(run, await readConsistently(run, () => readSession(run, session)));
    },
    toString: () => `get(${action.target})`,
  };
}
