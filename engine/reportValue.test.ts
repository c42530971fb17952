import { describe, expect, it } from 'vitest';
import { reportValue } from './reportValue.ts';

/** MAX_CHARS in reportValue.ts (docs/running.md: "a failure record keeps at most 2 KB of any value"), plus the "…" that marks a cut. */
const MAX_KEPT = 2_048 + 1;

/** `inner` wrapped `levels` times by `wrap`, built in a loop: the test itself must not recurse that deep. */
function nest(levels: number, wrap: (inner: unknown) => unknown, inner: unknown): unknown {
  let value = inner;
  for (let i = 0; i < levels; i++) value = wrap(value);
  return value;
}

describe('reportValue', () => {
  describe('small values pass through unchanged, the same object', () => {
    it.each([
      ['a number', 42],
      ['a string', 'ConflictException'],
      ['null', null],
      ['undefined', undefined],
      ['a boolean', false],
      ['a string of exactly 2,048 characters', 'x'.repeat(2_048)],
      ['an error answer', { status: 409, body: { __type: 'ConflictException', Message: 'already exists' } }],
      ['a list of sessions', { ProxySessions: Array.from({ length: 10 }, (_, i) => ({ ProxySessionId: `s${i}`, Status: 'Open' })) }],
      // The depth marker is "…" too: a value that holds it is still not mistaken for one that was cut.
      ['a value holding the string "…"', { Name: '…', list: ['…'] }],
      ['8 levels of arrays', nest(7, (v) => [v], [])],
      ['8 levels of objects', nest(7, (v) => ({ a: v }), {})],
    ])('%s', (_, value) => {
      expect(reportValue(value)).toBe(value);
    });
  });

  describe('hostile values: at most 2 KB and 8 levels, as a string cut short with "…"', () => {
    it('a 1 MB string keeps its first 2,048 characters', () => {
      expect(reportValue('x'.repeat(1 << 20))).toBe(`${'x'.repeat(2_048)}…`);
    });

    it('a 1 MB string inside an object: the JSON of the object, cut at 2,048 characters', () => {
      expect(reportValue({ body: 'x'.repeat(1 << 20) })).toBe(`{"body":"${'x'.repeat(2_048 - 9)}…`);
    });

    it('100,000 nested arrays: 8 levels, the rest "…"', () => {
      expect(reportValue(nest(100_000, (v) => [v], []))).toBe(`${'['.repeat(8)}"…"${']'.repeat(8)}…`);
    });

    it('100,000 nested objects: 8 levels, the rest "…"', () => {
      expect(reportValue(nest(100_000, (v) => ({ a: v }), {}))).toBe(`${'{"a":'.repeat(8)}"…"${'}'.repeat(8)}…`);
    });

    it('9 levels: the ninth is cut', () => {
      expect(reportValue(nest(8, (v) => [v], []))).toBe(`${'['.repeat(8)}"…"${']'.repeat(8)}…`);
    });

    it('an object with 100,000 keys: the start of its JSON, 2 KB', () => {
      const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
      const kept = reportValue(wide);
      expect(kept).toHaveLength(MAX_KEPT);
      expect(kept).toBe(`${JSON.stringify(wide).slice(0, 2_048)}…`);
    });

    it('an array of 100,000 numbers: the start of its JSON, 2 KB', () => {
      const long = Array.from({ length: 100_000 }, (_, i) => i);
      expect(reportValue(long)).toBe(`${JSON.stringify(long).slice(0, 2_048)}…`);
    });

    // Brackets and escaped keys count: each of these is several KB of JSON although its items are few or short.
    it.each([
      ['2,000 empty arrays (6 KB of JSON)', Array.from({ length: 2_000 }, () => [])],
      ['5 keys of 400 control characters (12 KB of JSON)', Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`${'\u0001'.repeat(399)}${i}`, 0]))],
    ])('%s', (_, value) => {
      expect(JSON.stringify(value).length).toBeGreaterThan(2 * 2_048);
      expect(reportValue(value)).toBe(`${JSON.stringify(value).slice(0, 2_048)}…`);
    });

    it('a cycle: followed 8 levels, then "…"', () => {
      const cyclic: Record<string, unknown> = { a: 1 };
      cyclic.self = cyclic;
      expect(reportValue(cyclic)).toBe(`${'{"a":1,"self":'.repeat(8)}"…"${'}'.repeat(8)}…`);
    });

    it('an object whose every key points back to it: still 2 KB', () => {
      const hub: Record<string, unknown> = {};
      for (let i = 0; i < 1_000; i++) hub[`k${i}`] = hub;
      const kept = reportValue(hub);
      expect(typeof kept).toBe('string');
      expect((kept as string).length).toBeLessThanOrEqual(MAX_KEPT);
      expect((kept as string).startsWith('{"k0":{"k0":{"k0":')).toBe(true);
    });
  });
});
