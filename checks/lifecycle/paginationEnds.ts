import type { Finding } from './types.ts';

/**
 * pagination-ends (spec /invariants): following the output token of ListProxySessions ends. The paging
 * entry (spec /operations/ListProxySessions/paging, Smithy @paginated) says a token in the output means
 * "more results follow from where this page left off", so a listing that hands out a token it has already
 * handed out (`token`, first seen after page `firstSeenAt`, again after page `page`) sends the client back
 * to a place it has read: following the tokens would never end. AWS's own paginators treat a token that
 * comes twice in a row as an error or a stop (botocore raises PaginationError; the Rust SDK's
 * stop_on_duplicate_token); a token from any earlier page is the same loop, only longer. Only a repeat is
 * judged: how many pages a listing may take is not (sessions of others may share the connector), so a
 * listing that reaches spec /lifecycle/listing/maxPages just stops unjudged. `member` is the output
 * token's name (paging `outputToken`).
 */
export function paginationEnds(options: { token: string; firstSeenAt: number; page: number; member: string; filter: string }): Finding[] {
  return [
    {
      check: 'pagination-ends',
      path: `body/${options.member}`,
      expected: 'a token not handed out before in this listing, or none after the last page',
      actual: options.token,
      message: `ListProxySessions${options.filter} page ${options.page} hands out the ${options.member} that page ${options.firstSeenAt} already did: following it would read the same pages again, without end`,
    },
  ];
}
