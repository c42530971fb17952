import { describe, expect, it } from 'vitest';
import { jsonDepth } from './jsonDepth.ts';

describe('jsonDepth', () => {
  it('counts nested arrays and objects, not brackets inside strings or after escapes', () => {
    expect(jsonDepth('')).toBe(0);
    expect(jsonDepth('"x"')).toBe(0);
    expect(jsonDepth('{}')).toBe(1);
    expect(jsonDepth('{"a":[{"b":[]}],"c":{}}')).toBe(4);
    expect(jsonDepth('{"a":"[[[{{{"}')).toBe(1);
    // A quote escaped inside a string does not end it, and an escaped backslash does not escape the quote after it.
    expect(jsonDepth('{"a\\"[[":["\\\\",{}]}')).toBe(3);
    expect(jsonDepth('[[]][[[]]]')).toBe(3);
  });

  it('stops counting once past stopAbove, in one pass whatever the depth', () => {
    const deep = '['.repeat(1_000_000);
    expect(jsonDepth(deep, 128)).toBe(129);
    expect(jsonDepth(deep)).toBe(1_000_000);
  });
});
