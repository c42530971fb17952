import { describe, expect, it } from 'vitest';
import { unknownIdLike } from './unknownIdLike.ts';

describe('unknownIdLike', () => {
  it('keeps the shape of an issued id: length, separators, case, hex stays hex', () => {
    const issued = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';
    const id = unknownIdLike(issued, new Set([issued]))!;
    expect(id).not.toBe(issued);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(unknownIdLike('AbC123xyz', new Set())).toMatch(/^[A-Z][a-z][A-Z]\d{3}[a-z]{3}$/);
  });

  it('is none of the known ids, and undefined before any id was issued', () => {
    const issued = 'a1';
    const first = unknownIdLike(issued, new Set([issued]))!;
    const second = unknownIdLike(issued, new Set([issued, first]))!;
    expect(new Set([issued, first, second]).size).toBe(3);
    expect(unknownIdLike(undefined, new Set())).toBeUndefined();
  });
});
