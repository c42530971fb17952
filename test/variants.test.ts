import { describe, expect, it } from 'vitest';
import type { Variant } from '../emulator/index.ts';
import { suiteGroups } from '../engine/suiteGroups.ts';
import { failedChecks, runAgainst, runFails, WHOLE_RUN_MS } from './support/runAgainst.ts';

/**
 * No false positives: an emulator that makes different legitimate choices (docs/oracle.md, "The oracle")
 * still passes every required check.
 */
const VARIANTS: [string, Partial<Variant>][] = [
  ['UUID session ids', { idFormat: 'uuid' }],
  ['short session ids', { idFormat: 'short' }],
  ['timestamps with an offset and no milliseconds', { timestamps: 'offset-no-millis' }],
  ['participants in the other order', { reverseParticipants: true }],
  ['capabilities in the other order', { reverseCapabilities: true }],
  ['the same proxy number for both participants', { sameProxyForBoth: true }],
  ['x-amzn-ErrorType with a :namespace suffix', { errorTypeSuffix: true }],
  ['unknown extra output members', { extraMembers: true }],
  ['ExpiryMinutes 60 when none was sent', { defaultExpiryMinutes: 60 }],
  ['every unspecified case accepted', { unspecified: 'accept' }],
  ['every unspecified case rejected', { unspecified: 'reject' }],
  ['PhoneNumber echoed with a + added', { plusPrefix: true }],
];

describe('legitimate variants of the reference emulator pass', () => {
  it.concurrent.each(VARIANTS)('%s', { timeout: WHOLE_RUN_MS }, async (_, variant) => {
    const { results, leftOpen, leftConnectors } = await runAgainst({ variant }, suiteGroups.filter((g) => !g.optIn).map((g) => g.id), { deadline: Date.now() + WHOLE_RUN_MS - 10_000 });
    const required = [...failedChecks(results)].filter((c) => !c.includes('('));
    expect(required).toEqual([]);
    expect(runFails(results)).toBe(false);
    expect(leftOpen).toBe(0);
    expect(leftConnectors).toBe(0);
  });

  it('the opt-in check catches the same proxy number for both participants only when asked (--strict)', async () => {
    const lenient = await runAgainst({ variant: { sameProxyForBoth: true } }, ['acceptance']);
    expect(failedChecks(lenient.results)).toContain('proxy-numbers-differ-within-session (opt-in)');
    expect(runFails(lenient.results)).toBe(false);
    const strict = await runAgainst({ variant: { sameProxyForBoth: true } }, ['acceptance'], { strict: true });
    expect(failedChecks(strict.results)).toContain('proxy-numbers-differ-within-session');
    expect(runFails(strict.results)).toBe(true);
  });
});
