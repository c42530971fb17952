import { describe, expect, it } from 'vitest';
import { shellWord, splitShellWords } from './shellWords.ts';

describe('shellWord and splitShellWords', () => {
  it('round-trip any value, quoted or not', () => {
    const values = ['plain', 'http://127.0.0.1:4566', 'invalid/Name#pattern', "it's", '', 'a b\tc', '$HOME `x` "q" \\', 'multi\nline', '-7'];
    const line = ['npx', 'conformance', ...values.map(shellWord)].join(' ');
    expect(splitShellWords(line)).toEqual(['npx', 'conformance', ...values]);
  });

  it('reads double quotes and backslashes as a shell does', () => {
    expect(splitShellWords(`a "b c" "d \\" e" f\\ g  'h'"i"`)).toEqual(['a', 'b c', 'd " e', 'f g', 'hi']);
  });

  it('refuses an unterminated quote', () => {
    expect(() => splitShellWords("--family 'open")).toThrow(/unterminated '/);
    expect(() => splitShellWords('--family "open')).toThrow(/unterminated "/);
  });
});
