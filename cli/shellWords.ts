import { UsageError } from '../src/errors.ts';

/** A value as one POSIX shell word: quoted only when it needs to be, so ordinary replay lines stay plain. */
export function shellWord(value: string): string {
  return /^[\w./:=@%+,-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * Splits a command line into words as a POSIX shell would for the quoting replay lines use: blanks
 * separate words, single quotes keep everything literally, double quotes keep everything but `\"`, `\\`,
 * `\$` and `` \` ``, and a backslash outside quotes escapes the next character. Whatever shellWord
 * produces comes back unchanged; expansions ($VAR, globs) are not performed.
 */
export function splitShellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new UsageError(`unterminated ' in: ${line}`);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      let text = '';
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1]!)) j++;
        text += line[j];
      }
      if (j >= line.length) throw new UsageError(`unterminated " in: ${line}`);
      word = (word ?? '') + text;
      i = j;
    } else if (ch === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i];
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}
