import type { LifecycleAction } from '../../generators/index.ts';
import { callOperation } from './callOperation.ts';
import { failIfAny } from './failIfAny.ts';
import type { LifecycleCommand } from './types.ts';

/**
 * ListProxySessions with one query parameter that breaks its member's constraint trait (a page size
 * outside its @range, a status outside its enum): the oracle's constraintViolation error (spec /oracle).
 */
export function listInvalidQueryCommand(action: Extract<LifecycleAction, { kind: 'list-invalid-query' }>): LifecycleCommand {
  return {
    check: () => true,
    async run(_state, run) {
      const { ops, connector } = run.runtime;
      const query = { [action.queryName]: action.value };
      const title = `ListProxySessions ${action.queryName}=${JSON.stringify(action.value)} (${action.member} ${action.constraint}: ${action.how})`;
      const { failures } = await callOperation(run, { operation: ops.list, title, labels: connector, query, kind: 'reject', violation: { member: `/${action.member}`, constraint: action.constraint, how: `${action.queryName}=${JSON.stringify(action.value)}: ${action.how}` } });
      failIfAny(run, failures);
    },
    toString: () => `list-invalid-query(${action.queryName}=${JSON.stringify(action.value)})`,
  };
}
