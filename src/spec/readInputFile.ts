import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import type { Document } from 'yaml';
import { echoed } from '../errors.ts';

/**
 * The most the tool reads of a spec or config file. The bundled spec is under 30 KB; a file hundreds of
 * times that size is not a spec, and `--spec /dev/zero` must end in a message, not in gigabytes read.
 * A tool limit, not an API fact.
 */
export const MAX_INPUT_FILE_BYTES = 4 * 1024 * 1024;

/**
 * The most alias expansions a spec or config file may make (yaml's `maxAliasCount`): the bundled spec
 * uses none, and a "billion laughs" document (aliases of aliases) must end in a message, not in memory.
 */
export const MAX_YAML_ALIASES = 100;

/** The text of an input file, or why it cannot be read, in words that follow the file's name. */
export type InputFile = { text: string } | { problem: string };

/**
 * Reads a spec or config file, at most `maxBytes` of it, as UTF-8. Only a regular file is read: a
 * directory, a device (`/dev/zero`), a pipe or a socket is a problem, said in words, and so is a file
 * larger than the limit. A pipe is refused before it is opened, since opening one with no writer would
 * wait for ever.
 */
export function readInputFile(file: string, maxBytes = MAX_INPUT_FILE_BYTES): InputFile {
  let fd: number | undefined;
  try {
    const kind = notRegular(statSync(file));
    if (kind) return { problem: `is ${kind}, not a regular file` };
    fd = openSync(file, 'r');
    // The file may have been swapped for another between the stat and the open.
    const again = notRegular(fstatSync(fd));
    if (again) return { problem: `is ${again}, not a regular file` };
    // One byte more than the limit tells a file of exactly the limit from a larger one. Files of /proc
    // say size 0 and have more, so the size of the stat is not trusted: the bytes are counted.
    const buffer = Buffer.alloc(maxBytes + 1);
    let size = 0;
    while (size < buffer.length) {
      const n = readSync(fd, buffer, size, buffer.length - size, null);
      if (n === 0) break;
      size += n;
    }
    if (size > maxBytes) return { problem: tooLarge(maxBytes) };
    return { text: buffer.subarray(0, size).toString('utf8') };
  } catch (error) {
    return { problem: failure(error) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function notRegular(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a directory';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a pipe';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

function tooLarge(maxBytes: number): string {
  return `is larger than ${maxBytes / (1024 * 1024)} MiB, the most the tool reads of a spec or config file`;
}

function failure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const what: Record<string, string> = { ENOENT: 'no such file', ENOTDIR: 'no such file (a part of the path is not a directory)', EACCES: 'permission denied', EPERM: 'permission denied', ELOOP: 'too many symbolic links', ENAMETOOLONG: 'the name is too long' };
  return code ? `cannot be read: ${what[code] ?? (error as Error).message.split('\n')[0]} (${code})` : `cannot be read: ${String(error)}`;
}

/**
 * The data of a parsed spec or config document, with its aliases bounded (MAX_YAML_ALIASES), or why the
 * yaml library gave up on it, in words that follow the file's name.
 */
export function yamlData(doc: Document): { data: unknown } | { problem: string } {
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) };
  } catch (error) {
    // yaml throws a ReferenceError ("Excessive alias count ...") past maxAliasCount.
    const message = (error as Error)?.message ?? String(error);
    if (/alias count/i.test(message)) return { problem: `cannot be read as YAML: its aliases expand more than ${MAX_YAML_ALIASES} times (a "billion laughs" document?)` };
    return { problem: `cannot be read as YAML: ${error instanceof RangeError ? 'it is nested too deeply' : echoed(message.split('\n')[0]!)}` };
  }
}
