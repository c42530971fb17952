import type { LifecycleAction } from '../../generators/index.ts';
import { listComplete, type CheckFailure } from '../../checks/index.ts';
import { failIfAny } from './failIfAny.ts';
import { listAllPages } from './listAllPages.ts';
import { placeAt } from './placeAt.ts';
import { readConsistently } from './readConsistently.ts';
import { readSession } from './readSession.ts';
import { openSessions } from './sessionTargets.ts';
import type { LifecycleCommand } from './types.ts';

/**
 * ListProxySessions, every page, with a page size from ResultMax's range and maybe the open-status filter:
 * it must hold every session the sequence has open and none it deleted (list-complete). Sessions that may
 * have expired by this machine's clock are not expected (sessionTargets.ts). A session missing from a list
 * filtered by the open status is read first: if the read shows it no longer open (its status changed for a
 * reason the model cannot see, e.g. another run moved the emulator's clock) its absence is right; if the
 * read fails, that is read-after-create's finding. An unfiltered list must hold it whatever its status.
 */
export function listCommand(action: Extract<LifecycleAction, { kind: 'list' }>): LifecycleCommand {
  return {
    check: () => true,
    async run(state, run) {
      const { terms } = run.runtime;
      const query: Record<string, string> = {
        ...(action.pageSize !== undefined ? { [terms.list.pageSizeQuery]: String(action.pageSize) } : {}),
        ...(action.openOnly ? { [terms.list.statusQuery]: terms.openStatus } : {}),
      };
      const words = Object.entries(query).map(([k, v]) => ` ${k} ${v}`).join('');
      const open = openSessions(state);
      const deleted = state.sessions.filter((s) => s.deleted).map((s) => s.id);
      if (open.length > 0 || deleted.length > 0) run.looked.add('list-complete');
      const failures = await readConsistently(run, async () => {
        const page = await listAllPages(run, query, words);
        const failures: CheckFailure[] = [...page.failures];
        const applies: (() => void)[] = [];
        const excused = new Set<string>();
        if (page.complete && action.openOnly) {
          for (const session of open.filter((s) => !page.listed.has(s.id))) {
            const read = await readSession(run, session);
            failures.push(...read.failures);
            applies.push(read.apply);
            // One the endpoint itself shows in another status need not be listed under the open one.
            if (read.failures.length === 0 && typeof read.status === 'string' && read.status !== terms.openStatus) excused.add(session.id);
          }
        }
        const expected = open.map((s) => s.id).filter((id) => !excused.has(id));
        failures.push(...placeAt(page.lastStep, listComplete({ expected, deleted, listed: page.listed, complete: page.complete, filter: words })));
        return { failures, apply: () => applies.forEach((a) => a()) };
      });
      failIfAny(run, failures);
    },
    toString: () => `list(${action.pageSize ?? ''}${action.openOnly ? ',open' : ''})`,
  };
}
