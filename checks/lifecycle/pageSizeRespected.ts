import type { Finding } from './types.ts';

/**
 * page-size-respected (spec /invariants): a ListProxySessions page holds at most the number of items its
 * request's page-size member asked for. The model's paging entry names that member (spec
 * /operations/ListProxySessions/paging pageSize: MaxResults, query `max-results`); Smithy's @paginated
 * defines it as the member that "limits the maximum number of results" of one response, and the model's
 * own documentation of MaxResults says the same. Fewer items are always right (a page may be short, or
 * empty, with a NextToken). Judged only when the request set a page size (`asked`); `items` is the
 * page's list, `member` its name (paging `items`) and `page` its 1-based position in the listing.
 */
export function pageSizeRespected(options: { asked: number; items: number; member: string; page: number; filter: string }): Finding[] {
  if (options.items <= options.asked) return [];
  return [
    {
      check: 'page-size-respected',
      path: `body/${options.member}`,
      expected: `at most ${options.asked} item(s)`,
      actual: `${options.items} item(s)`,
      message: `ListProxySessions${options.filter} page ${options.page} holds ${options.items} item(s) although the request asked for at most ${options.asked}`,
    },
  ];
}
