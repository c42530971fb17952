import { expectedAnswer, type CheckFailure } from '../../checks/index.ts';
import { callOperation } from './callOperation.ts';
import type { SequenceRun } from './types.ts';

/**
 * ListProxySessions, every page (spec /operations/ListProxySessions/paging: the output token goes back as
 * the input token until there is none), each page judged as a call. Returns the ids listed and whether the
 * list was read to its end, and the step of its last page (not when a page failed, a token came back twice, or spec /lifecycle/listing/maxPages was reached: a shared account can hold many sessions of others, and each page is a request).
 */
export async function listAllPages(run: SequenceRun, query: Record<string, string>, words: string): Promise<{ listed: Set<string>; complete: boolean; failures: CheckFailure[]; lastStep: number }> {
  const { ops, terms, connector, model } = run.runtime;
  const { maxPages } = model.spec.lifecycle.listing;
  const listed = new Set<string>();
  const failures: CheckFailure[] = [];
  const tokens = new Set<string>();
  let token: string | undefined;
  let lastStep = -1;
  for (let page = 1; page <= maxPages; page++) {
    const pageQuery = token === undefined ? query : { ...query, [terms.list.tokenQuery]: token };
    const title = `ListProxySessions${words}${page > 1 ? ` page ${page}` : ''}`;
    const { call, step, failures: found } = await callOperation(run, { operation: ops.list, title, labels: connector, query: pageQuery, expected: expectedAnswer(ops.list, 'success') });
    failures.push(...found);
    lastStep = step;
    const r = call.response;
    if (!r || r.status < 200 || r.status > 299 || !r.json || typeof r.json !== 'object') return { listed, complete: false, failures, lastStep };
    const body = r.json as Record<string, unknown>;
    const items = Array.isArray(body[terms.list.items]) ? (body[terms.list.items] as unknown[]) : [];
    for (const item of items) {
      const id = (item as { ProxySessionId?: unknown } | null)?.ProxySessionId;
      if (typeof id === 'string') listed.add(id);
    }
    const next = body[terms.list.outputToken];
    if (typeof next !== 'string' || next === '') return { listed, complete: true, failures, lastStep };
    if (tokens.has(next)) return { listed, complete: false, failures, lastStep };
    tokens.add(next);
    token = next;
  }
  return { listed, complete: false, failures, lastStep };
}
