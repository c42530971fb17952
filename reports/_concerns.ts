import type { Concern } from '../checks/types.ts';

/** Report order of the concerns: how a request fails first, then what a response says. */
export const CONCERNS: readonly Concern[] = ['transport', 'status', 'response-schema', 'invariants', 'error-contract', 'cross-session', 'wire', 'behaviour', 'reading'];

/** What each concern is about, in a few words (console table headings, HTML report). */
export const CONCERN_TITLES: Record<Concern, string> = {
  transport: 'complete answers, no hangs or resets',
  status: 'status codes the oracle expects',
  'response-schema': 'response bodies match the output shapes',
  invariants: 'created sessions mean what was asked',
  'error-contract': 'AWS restJson1 error contract',
  'cross-session': 'behaviour across several open sessions',
  wire: 'what the client put on the wire',
  behaviour: 'when the client retried and how it paged',
  reading: 'how the client read the answers',
};

/** The concerns of `found` in report order, any this tool does not know yet after them rather than dropped. */
export function concernOrder(found: readonly string[]): string[] {
  return [...CONCERNS, ...new Set(found.filter((c) => !(CONCERNS as readonly string[]).includes(c)))];
}
