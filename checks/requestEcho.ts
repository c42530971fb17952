import { isDeepStrictEqual } from 'node:util';
import { sentBody } from './_exchange.ts';
import { sessionInvariant } from './_invariant.ts';

type Finding = [string, unknown, unknown, string];

/**
 * request-echo: members the request set come back unchanged when the response has them (spec
 * /invariants request-echo). Lists compare as sets (the documented example reorders Capabilities);
 * an empty Name may come back absent; a member the request did not send may come back with a default.
 */
export const requestEcho = sessionInvariant('request-echo', 'the session echoes what the request set', (session, ex, ctx) => {
  const sent = sentBody(ex);
  if (!sent) return [];
  const findings: Finding[] = [];
  for (const [member, spec] of Object.entries(ctx.model.bodyMembers)) {
    const want = sent[member];
    const got = session[member];
    if (want === undefined || want === null || got === undefined || got === null || !Object.hasOwn(sessionMembers(ctx), member)) continue;
    // What a server makes of an undocumented value (an empty list, ExpiryMinutes above 720) is its own choice.
    if (ex.step.kind === 'unspecified' && ctx.model.unspecified[ex.step.unspecified ?? '']?.member === member) continue;
    const shape = ctx.model.shape(spec.target);
    // Compare as plain JSON: generated request objects may have a null prototype, JSON-parsed ones do not.
    const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
    const same = shape.type === 'list' ? isDeepStrictEqual(new Set((plain(want) as unknown[]).map((x) => JSON.stringify(x))), new Set((plain(got) as unknown[]).map((x) => JSON.stringify(x)))) : isDeepStrictEqual(plain(want), plain(got));
    if (!same) findings.push([`/${member}`, want, got, `${member} was sent as ${JSON.stringify(want)} but came back as ${JSON.stringify(got)}`]);
  }
  return findings;
});

/** Output members of the session shape: only those can echo an input member. */
function sessionMembers(ctx: Parameters<Parameters<typeof sessionInvariant>[2]>[2]): Record<string, unknown> {
  const output = ctx.model.shape(ctx.model.spec.operation.output);
  if (output.type !== 'structure') return {};
  const sessionShape = Object.values(output.members)[0];
  const shape = sessionShape ? ctx.model.shape(sessionShape.target) : undefined;
  return shape?.type === 'structure' ? shape.members : {};
}
