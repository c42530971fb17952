import { describe, expect, it } from 'vitest';
import { familyMatcher, isFamilyGlob } from './familyPattern.ts';

describe('familyMatcher: --family as a glob over family ids', () => {
  it('`*` spans dots, `?` is one character, the rest is literal', () => {
    const match = familyMatcher('reject.Name.*');
    expect(match('reject.Name.pattern.a-character-outside-the-class')).toBe(true);
    expect(match('reject.Name.length.too-long')).toBe(true);
    expect(match('reject.NameX.length')).toBe(false);
    expect(match('accept.reject.Name.x')).toBe(false);
    expect(familyMatcher('*.Name.*')('accept.Name.x')).toBe(true);
    expect(familyMatcher('lifecycle.?aging')('lifecycle.paging')).toBe(true);
    expect(familyMatcher('lifecycle.?aging')('lifecycle.ppaging')).toBe(false);
  });

  it('regex characters in a pattern are literal', () => {
    expect(familyMatcher('reject.a.b*')('reject.aXb-c')).toBe(false);
    expect(familyMatcher('reject.(x)+*')('reject.(x)+y')).toBe(true);
  });

  it('an exact id matches only itself', () => {
    expect(isFamilyGlob('accept.random')).toBe(false);
    expect(familyMatcher('accept.random')('accept.random')).toBe(true);
    expect(familyMatcher('accept.random')('accept.random2')).toBe(false);
    expect(isFamilyGlob('accept.*')).toBe(true);
  });
});
