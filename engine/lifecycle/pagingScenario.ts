import type { LifecycleScenario } from '../../generators/index.ts';
import { listComplete } from '../../checks/index.ts';
import { createForScenario } from './createForScenario.ts';
import { listAllPages } from './listAllPages.ts';
import { placeAt } from './placeAt.ts';
import { readConsistently } from './readConsistently.ts';
import type { RunOutcome, SequenceRun } from './types.ts';

/**
 * The paging probe: one session more than the smallest page size ResultMax's @range admits, then
 * ListProxySessions with that page size, every page followed through NextToken. A random sequence seldom
 * has more sessions open than the page size it lists with, so without this probe paging would go unjudged:
 * each page must hold at most the page size (page-size-respected), the tokens must end
 * (pagination-ends), and the listing must hold every session the probe opened (list-complete).
 */
export async function pagingScenario(run: SequenceRun, scenario: LifecycleScenario): Promise<Partial<RunOutcome>> {
  const { terms } = run.runtime;
  const ids: string[] = [];
  for (const body of scenario.bodies) {
    const created = await createForScenario(run, scenario.participants, body);
    if (!created.id || created.failures.length > 0) return { failures: created.failures };
    ids.push(created.id);
  }
  const size = Math.max(1, terms.list.pageSizeRange.min ?? 1);
  const query = { [terms.list.pageSizeQuery]: String(size) };
  const words = ` ${terms.list.pageSizeQuery} ${size}`;
  run.looked.add('list-complete');
  const failures = await readConsistently(run, async () => {
    const page = await listAllPages(run, query, words);
    return { failures: [...page.failures, ...placeAt(page.lastStep, listComplete({ expected: ids, deleted: [], listed: page.listed, complete: page.complete, filter: words }))] };
  });
  return { failures };
}
