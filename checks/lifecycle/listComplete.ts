import type { Finding } from './types.ts';

/**
 * list-complete (spec /invariants): ListProxySessions, every page followed through NextToken, lists every
 * session this run has open (`expected`) and none it has deleted. Sessions of others are ignored. When
 * paging stopped before the last page (`complete` false), an absence proves nothing and is not judged.
 */
export function listComplete(options: { expected: readonly string[]; deleted: readonly string[]; listed: ReadonlySet<string>; complete: boolean; filter: string }): Finding[] {
  const out: Finding[] = [];
  const missing = options.complete ? options.expected.filter((id) => !options.listed.has(id)) : [];
  if (missing.length > 0) {
    out.push({ check: 'list-complete', path: 'body/ProxySessions', expected: missing, actual: 'not listed', message: `ListProxySessions${options.filter} leaves out ${missing.length} open session(s) of this run: ${missing.join(', ')}` });
  }
  const ghosts = options.deleted.filter((id) => options.listed.has(id));
  if (ghosts.length > 0) {
    out.push({ check: 'list-complete', path: 'body/ProxySessions', expected: 'not listed', actual: ghosts, message: `ListProxySessions${options.filter} still lists ${ghosts.length} session(s) this run deleted: ${ghosts.join(', ')}` });
  }
  return out;
}
