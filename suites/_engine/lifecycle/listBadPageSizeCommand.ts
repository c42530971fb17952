import type { LifecycleAction } from '../../../generators/index.ts';
import { expectedAnswer } from '../../../src/checks/index.ts';
import { callOperation } from './callOperation.ts';
import { failIfAny } from './failIfAny.ts';
import type { LifecycleCommand } from './types.ts';

/** ListProxySessions with a page size outside its @range: the oracle's constraintViolation error (spec /oracle). */
export function listBadPageSizeCommand(action: Extract<LifecycleAction, { kind: 'list-bad-page-size' }>): LifecycleCommand {
  return {
    check: () => true,
    async run(_state, run) {
      const { ops, terms, connector } = run.runtime;
      const query = { [terms.list.pageSizeQuery]: String(action.pageSize) };
      const expected = expectedAnswer(ops.list, { violates: 'range', what: `${terms.list.pageSizeQuery} ${action.pageSize}` });
      const { failures } = await callOperation(run, { operation: ops.list, title: `ListProxySessions ${terms.list.pageSizeQuery} ${action.pageSize} (${action.how})`, labels: connector, query, expected });
      failIfAny(failures);
    },
    toString: () => `list-bad-page-size(${action.pageSize})`,
  };
}
