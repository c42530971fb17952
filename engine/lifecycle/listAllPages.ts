import { pageSizeRespected, paginationEnds, type CheckFailure } from '../../checks/index.ts';
import { callOperation } from './callOperation.ts';
import { placeAt } from './placeAt.ts';
import type { SequenceRun } from './types.ts';

/**
 * ListProxySessions, every page (spec /operations/ListProxySessions/paging: the output token goes back as
 * the input token until there is none), each page judged as a call and on the paging contract:
 * page-size-respected (no page longer than the page size the query asked for, when it asked) and
 * pagination-ends (no token handed out twice in one listing; the listing stops there, so it never loops).
 * Returns the ids listed and whether the list was read to its end, and the step of its last page (not when
 * a page failed, a token came back twice, or spec /lifecycle/listing/maxPages was reached: a shared account
 * can hold many sessions of others, and each page is a request, so reaching it is no finding).
 */
export async function listAllPages(run: SequenceRun, query: Record<string, string>, words: string): Promise<{ listed: Set<string>; complete: boolean; failures: CheckFailure[]; lastStep: number }> {
  const { ops, terms, connector, model } = run.runtime;
  const { maxPages } = model.spec.lifecycle.listing;
  const asked = pageSizeOf(query[terms.list.pageSizeQuery]);
  const listed = new Set<string>();
  const failures: CheckFailure[] = [];
  // Every token this listing handed out, with the page that did.
  const tokens = new Map<string, number>();
  let token: string | undefined;
  let lastStep = -1;
  for (let page = 1; page <= maxPages; page++) {
    const pageQuery = token === undefined ? query : { ...query, [terms.list.tokenQuery]: token };
    const title = `ListProxySessions${words}${page > 1 ? ` page ${page}` : ''}`;
    const { call, step, failures: found } = await callOperation(run, { operation: ops.list, title, labels: connector, query: pageQuery, kind: 'accept' });
    failures.push(...found);
    lastStep = step;
    const r = call.response;
    if (!r || r.status < 200 || r.status > 299 || !r.json || typeof r.json !== 'object') return { listed, complete: false, failures, lastStep };
    const body = r.json as Record<string, unknown>;
    const items = Array.isArray(body[terms.list.items]) ? (body[terms.list.items] as unknown[]) : [];
    if (asked !== undefined) {
      run.looked.add('page-size-respected');
      failures.push(...placeAt(step, pageSizeRespected({ asked, items: items.length, member: terms.list.items, page, filter: words })));
    }
    for (const item of items) {
      const id = (item as { ProxySessionId?: unknown } | null)?.ProxySessionId;
      if (typeof id === 'string') listed.add(id);
    }
    const next = body[terms.list.outputToken];
    if (typeof next !== 'string' || next === '') return { listed, complete: true, failures, lastStep };
    // A token to follow: whether following them ends is judged from here on.
    run.looked.add('pagination-ends');
    const firstSeenAt = tokens.get(next);
    if (firstSeenAt !== undefined) {
      failures.push(...placeAt(step, paginationEnds({ token: next, firstSeenAt, page, member: terms.list.outputToken, filter: words })));
      return { listed, complete: false, failures, lastStep };
    }
    tokens.set(next, page);
    token = next;
  }
  return { listed, complete: false, failures, lastStep };
}

/** The page size a query asked for: its page-size parameter as a positive integer, else none (not judged). */
function pageSizeOf(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
