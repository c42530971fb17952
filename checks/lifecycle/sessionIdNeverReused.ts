import type { Finding, TrackedSession } from './types.ts';

/**
 * session-id-never-reused (spec /invariants): no two sessions of a run share a ProxySessionId, so a new
 * session never takes the id of one this run deleted (that id must keep answering NotFound).
 */
export function sessionIdNeverReused(id: string, earlier: readonly TrackedSession[]): Finding[] {
  const same = earlier.find((s) => s.id === id);
  if (!same) return [];
  const state = same.deleted ? 'deleted' : 'still open';
  return [{ check: 'session-id-never-reused', path: 'body/ProxySession/ProxySessionId', expected: 'an id no earlier session had', actual: id, message: `the new session got ProxySessionId ${id}, the id of an earlier session of this sequence (${state})` }];
}
