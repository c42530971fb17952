import { isDeepStrictEqual } from 'node:util';
import { echoableMembers } from './_echo.ts';
import { sessionInvariant } from './_invariant.ts';

type Finding = [string, unknown, unknown, string];

/**
 * request-echo: members the request set come back unchanged when the response has them (spec
 * /invariants request-echo). Lists compare as sets (the documented example reorders Capabilities);
 * an empty Name may come back absent; a member the request did not send may come back with a default.
 * Whether a member the request set comes back at all is echo-complete's (opt-in) question.
 */
export const requestEcho = sessionInvariant('request-echo', 'the session echoes what the request set', (session, ex, ctx) => {
  const findings: Finding[] = [];
  for (const { member, sent: want, got, list } of echoableMembers(session, ex, ctx)) {
    if (got === undefined || got === null) continue;
    // Compare as plain JSON: generated request objects may have a null prototype, JSON-parsed ones do not.
    const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
    const same = list ? isDeepStrictEqual(new Set((plain(want) as unknown[]).map((x) => JSON.stringify(x))), new Set((plain(got) as unknown[]).map((x) => JSON.stringify(x)))) : isDeepStrictEqual(plain(want), plain(got));
    if (!same) findings.push([`/${member}`, want, got, `${member} was sent as ${JSON.stringify(want)} but came back as ${JSON.stringify(got)}`]);
  }
  return findings;
});
