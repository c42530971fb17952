import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_YAML_ALIASES, readInputFile, yamlData } from './readInputFile.ts';

const dir = mkdtempSync(join(tmpdir(), 'conformance-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fileOf(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Nine lists of nine aliases of the one before: 9^9 strings if every alias were expanded. */
const BILLION_LAUGHS = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n');

describe('readInputFile: a spec or config file, bounded', () => {
  it('reads a regular file whole', () => {
    expect(readInputFile(fileOf('small.yaml', 'runs: 3\n'))).toEqual({ text: 'runs: 3\n' });
  });

  it('reads a file of exactly the limit, and refuses one byte more, saying the limit', () => {
    expect(readInputFile(fileOf('exact', Buffer.alloc(1024, 'a')), 1024)).toEqual({ text: 'a'.repeat(1024) });
    expect(readInputFile(fileOf('over', Buffer.alloc(1025, 'a')), 1024)).toEqual({ problem: expect.stringMatching(/^is larger than .* MiB, the most the tool reads of a spec or config file$/) });
  });

  it('the default limit is a few MiB: a 5 MiB file is refused', () => {
    expect(readInputFile(fileOf('five-mib', Buffer.alloc(5 * 1024 * 1024, 'x')))).toEqual({ problem: 'is larger than 4 MiB, the most the tool reads of a spec or config file' });
  });

  it.skipIf(!existsSync('/dev/zero'))('a device (/dev/zero) is refused before anything is read', () => {
    const started = performance.now();
    expect(readInputFile('/dev/zero')).toEqual({ problem: 'is a character device, not a regular file' });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('a directory is refused in words', () => {
    expect(readInputFile(dir)).toEqual({ problem: 'is a directory, not a regular file' });
  });

  it('a missing file, or a path through a file, says why', () => {
    expect(readInputFile(join(dir, 'nope.yaml'))).toEqual({ problem: 'cannot be read: no such file (ENOENT)' });
    expect(readInputFile(join(fileOf('plain', 'x'), 'below'))).toEqual({ problem: expect.stringMatching(/^cannot be read: no such file .*\(ENOTDIR\)$/) });
  });

  it.skipIf(!existsSync('/proc/self/status'))('a file whose stat says size 0 but has content (/proc) is read by counting bytes', () => {
    const read = readInputFile('/proc/self/status');
    expect('text' in read && read.text).toMatch(/^Name:/);
    expect(readFileSync('/proc/self/status', 'utf8')).toMatch(/^Name:/);
  });
});

describe('yamlData: a document with bounded aliases', () => {
  it('converts a plain document', () => {
    expect(yamlData(parseDocument('a: [1, 2]\nb: &x {c: 1}\nd: *x\n'))).toEqual({ data: { a: [1, 2], b: { c: 1 }, d: { c: 1 } } });
  });

  it(`a "billion laughs" document is refused past ${MAX_YAML_ALIASES} alias expansions, fast`, () => {
    const started = performance.now();
    expect(yamlData(parseDocument(BILLION_LAUGHS))).toEqual({ problem: `cannot be read as YAML: its aliases expand more than ${MAX_YAML_ALIASES} times (a "billion laughs" document?)` });
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
