import { describe, expect, it } from 'vitest';
import { bodyLines, compactJson, truncate, visible, wrap } from './_format.ts';

describe('_format', () => {
  it('pretty-prints only bodies whose re-serialisation is faithful', () => {
    // A duplicate key is the point of some must-reject cases: re-indenting would hide it.
    expect(bodyLines('{"a":1,"a":2}', { width: 80 })).toEqual(['{"a":1,"a":2}']);
    expect(bodyLines('{"a": 1.0}', { width: 80 })).toEqual(['{"a": 1.0}']);
    expect(bodyLines('{"a":[1]}', { width: 80 })).toEqual(['{', '  "a": [', '    1', '  ]', '}']);
    expect(bodyLines('', { width: 80 })).toEqual(['(empty body)']);
  });

  it('bounds bodies by characters, lines and width, saying what it left out', () => {
    const lines = bodyLines(`${'y'.repeat(50)}\n`.repeat(100), { width: 20, limit: 2048, maxLines: 10 });

    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe(`${'y'.repeat(19)}…`);
    expect(lines[10]).toMatch(/^… \(\d+ more lines, 3052 more characters of 5100;/);
  });

  it('makes control characters and bidi overrides visible', () => {
    expect(visible('a\u001b[31mb\u0000\u202e\n')).toBe('a\\u001b[31mb\\u0000\\u202e\\n');
    expect(visible('a\nb\r', true)).toBe('a\nb\\r');
  });

  it('wraps at spaces, keeping every word; a word longer than the width gets its own line', () => {
    expect(wrap('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps']);
    expect(wrap('a 0123456789abc b', 5)).toEqual(['a', '0123456789abc', 'b']);
    expect(wrap('short', 80)).toEqual(['short']);
  });

  it('truncates with an ellipsis and renders absent values', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(compactJson(undefined, 20)).toBe('undefined');
    expect(compactJson({ a: 'x'.repeat(30) }, 12)).toBe('{"a":"xxxxx…');
  });
});
