import { createdSession, eachExchange, fail } from './_exchange.ts';
import type { Check, CheckContext, CheckFailure, Concern, Exchange } from './types.ts';

type Finding = [path: string, expected: unknown, actual: unknown, message: string];

/**
 * @internal A check of one named invariant (spec /invariants) on every session a case created.
 * Its strength is the spec's (checksFor() applies it); `required` here is only the default.
 */
export function sessionInvariant(
  id: string,
  title: string,
  test: (session: Record<string, unknown>, exchange: Exchange, ctx: CheckContext) => Finding[],
  concern: Concern = 'invariants',
): Check {
  return {
    id,
    title,
    concern,
    strength: 'required',
    applies: (ctx) => ctx.run.exchanges.some((ex) => createdSession(ex, ctx.model) !== undefined),
    run: (ctx) =>
      eachExchange(ctx, (ex) => {
        const session = createdSession(ex, ctx.model);
        return session ? test(session, ex, ctx).map(([path, expected, actual, message]) => fail(id, `body/ProxySession${path}`, expected, actual, message)) : [];
      }),
  };
}

/** @internal Participants of a session as [PhoneNumber, ProxyPhoneNumber] string pairs (malformed entries dropped). */
export function participantsOf(session: Record<string, unknown>): { phone: string; proxy: string }[] {
  const list = Array.isArray(session.Participants) ? session.Participants : [];
  return list
    .filter((p): p is Record<string, unknown> => !!p && typeof p === 'object')
    .map((p) => ({ phone: String(p.PhoneNumber ?? ''), proxy: String(p.ProxyPhoneNumber ?? '') }));
}

/** @internal The same subscriber: equal up to a leading '+' (docs/oracle.md, the participants-echo check). */
export const normalizeNumber = (n: string) => n.replace(/^\+/, '');

/**
 * Participant i's route through a session (distinct-proxy-numbers): `key` is who they are and the proxy
 * number they were given, `other` who a call to that proxy number reaches. Two open sessions with the same
 * key and a different other party cannot both be routed; the same pair may share a number.
 */
export function routeOf(people: readonly { phone: string; proxy: string }[], i: number): { key: string; other: string } {
  const p = people[i]!;
  return {
    key: `${normalizeNumber(p.phone)}\u0000${normalizeNumber(p.proxy)}`,
    other: people.filter((_, j) => j !== i).map((q) => normalizeNumber(q.phone)).sort().join(','),
  };
}

export type { CheckFailure };
