import { createdSession } from './_exchange.ts';
import { participantsOf, routeOf } from './_invariant.ts';
import type { Check, CheckFailure } from './types.ts';

/**
 * distinct-proxy-numbers (spec /invariants): a participant who is in several sessions open at the same
 * time gets a different proxy number in each; otherwise a call to that proxy number could not be routed.
 * Only ambiguity counts: the same participant and proxy number leading to a *different* other party. The
 * same pair in two open sessions may share a number (a call reaches the same person either way), which
 * a PreferSticky server may legitimately do.
 */
export const distinctProxyNumbers: Check = {
  id: 'distinct-proxy-numbers',
  title: 'a participant gets a different proxy number in each open session',
  concern: 'cross-session',
  strength: 'required',
  applies: (ctx) => ctx.run.exchanges.filter((ex) => createdSession(ex, ctx.model)).length >= 2,
  run: (ctx) => {
    const seen = new Map<string, { proxy: string; step: number; other: string }>();
    const failures: CheckFailure[] = [];
    ctx.run.exchanges.forEach((ex, step) => {
      const session = createdSession(ex, ctx.model);
      if (!session) return;
      const people = participantsOf(session);
      people.forEach((p, i) => {
        const { key, other } = routeOf(people, i);
        const earlier = seen.get(key);
        if (earlier && earlier.other !== other) {
          failures.push({
            check: 'distinct-proxy-numbers',
            path: `body/ProxySession/Participants/${i}/ProxyPhoneNumber`,
            expected: `a proxy number other than ${earlier.proxy}`,
            actual: p.proxy,
            message: `participant ${p.phone} got proxy number ${p.proxy} in session ${step + 1} and in open session ${earlier.step + 1}`,
            step,
          });
        } else if (!earlier) {
          seen.set(key, { proxy: p.proxy, step, other });
        }
      });
    });
    return failures;
  },
};
