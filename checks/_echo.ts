import { sentBody } from './_exchange.ts';
import type { CheckContext, Exchange } from './types.ts';

/** @internal A body member the create set and the answered session could carry back. */
export interface EchoableMember {
  member: string;
  /** What the request set (never undefined or null). */
  sent: unknown;
  /** What the session holds under the same name (undefined: absent). */
  got: unknown;
  /** Whether the member's shape is a list (compared as a set: the documented example reorders Capabilities). */
  list: boolean;
}

/**
 * @internal The members request-echo and echo-complete judge: every body member the create request set to
 * a value (not absent, not JSON null) that the output's session shape also has (only those can echo an
 * input member: ParticipantPhoneNumbers comes back as Participants, which participants-echo judges),
 * except the member of an unspecified case the request is (spec /oracle/unspecified): what a server makes
 * of an undocumented value (an empty list, ExpiryMinutes above 720) is its own choice.
 */
export function echoableMembers(session: Record<string, unknown>, ex: Exchange, ctx: CheckContext): EchoableMember[] {
  const sent = sentBody(ex);
  if (!sent) return [];
  const members = sessionMembers(ctx);
  const unspecified = ex.step.kind === 'unspecified' ? ctx.model.unspecified[ex.step.unspecified ?? '']?.member : undefined;
  const out: EchoableMember[] = [];
  for (const [member, spec] of Object.entries(ctx.model.bodyMembers)) {
    const value = sent[member];
    if (value === undefined || value === null || !Object.hasOwn(members, member) || member === unspecified) continue;
    out.push({ member, sent: value, got: session[member], list: ctx.model.shape(spec.target).type === 'list' });
  }
  return out;
}

/** Output members of the session shape (the output's one member, ProxySession): only those can echo an input member. */
function sessionMembers(ctx: CheckContext): Record<string, unknown> {
  const output = ctx.model.shape(ctx.model.spec.operation.output);
  if (output.type !== 'structure') return {};
  const sessionShape = Object.values(output.members)[0];
  const shape = sessionShape ? ctx.model.shape(sessionShape.target) : undefined;
  return shape?.type === 'structure' ? shape.members : {};
}
