import type { LifecycleAction } from '../../generators/index.ts';
import { callOperation } from './callOperation.ts';
import { failIfAny } from './failIfAny.ts';
import { membersInWords } from './membersInWords.ts';
import { unknownIdLike } from './unknownIdLike.ts';
import type { LifecycleCommand } from './types.ts';

/**
 * Get, Update or Delete of an id no session has: the oracle's unknownProxySession error (spec /oracle).
 * Once the endpoint has issued an id, the unknown one has that id's shape (unknownIdLike), so a server
 * that checks the format of ids cannot fairly answer anything but "not found"; before that, a UUID.
 */
export function unknownSessionCommand(action: Extract<LifecycleAction, { kind: 'unknown-session' }>): LifecycleCommand {
  return {
    check: () => true,
    async run(_state, run) {
      const { ops, connector } = run.runtime;
      const known = new Set(run.created.keys());
      const id = unknownIdLike([...known].at(-1), known) ?? action.id;
      const operation = action.operation === 'get' ? ops.get : action.operation === 'update' ? ops.update : ops.delete;
      const body = action.operation === 'update' ? action.body : undefined;
      const title = `${operation.name} ${id} (an id no session has)${body ? ` ${membersInWords(body)}` : ''}`;
      const { failures } = await callOperation(run, { operation, title, labels: { ...connector, ProxySessionId: id }, ...(body ? { body } : {}), kind: 'unknown-session' });
      failIfAny(run, failures);
    },
    toString: () => `${action.operation}-unknown(${action.id})`,
  };
}
