import { echoableMembers } from './_echo.ts';
import { sessionInvariant } from './_invariant.ts';

type Finding = [string, unknown, unknown, string];

/**
 * echo-complete (spec /invariants, opt-in): every member the request set (non-null) is in the answered
 * ProxySession. The documented response carries each of them, but the model makes every output member
 * optional, so a server that leaves one out breaks no trait: the check fails a run only under --strict.
 * Not judged, to keep it free of false positives:
 * - members the session shape does not have, and the member of an unspecified case (echoableMembers);
 * - a string sent empty: an empty Name matches the pattern's ^$ branch but names nothing, so it may come
 *   back absent (request-echo's rule).
 */
export const echoComplete = sessionInvariant('echo-complete', 'the session carries every member the request set', (session, ex, ctx) => {
  const findings: Finding[] = [];
  for (const { member, sent, got } of echoableMembers(session, ex, ctx)) {
    if (sent === '' || (got !== undefined && got !== null)) continue;
    findings.push([`/${member}`, sent, got === null ? null : 'absent', `${member} was sent as ${JSON.stringify(sent)} but the answered ProxySession ${got === null ? 'has it null' : 'leaves it out'}`]);
  }
  return findings;
});
