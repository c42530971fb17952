import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDirectory } from './makeDirectory.ts';

const scratch = mkdtempSync(join(tmpdir(), 'conformance-mkdir-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What makeDirectory settles to within `ms`: 'made', its error's message, or 'still running' (the old hang). */
async function settled(dir: string, ms = 3_000): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('still running'), ms)));
  try {
    return await Promise.race([makeDirectory(dir).then(() => 'made', (error: Error) => error.message), late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('makeDirectory: a report directory, or a message naming the level that cannot be made', () => {
  it('makes every missing level, and is content with one that exists', async () => {
    const dir = join(scratch, 'a', 'b', 'c');
    expect(await settled(dir)).toBe('made');
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(await settled(dir)).toBe('made');
  });

  it('a file in the way is named', async () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'x');
    expect(await settled(join(file, 'reports'))).toBe(`${file} is a file, not a directory`);
    expect(await settled(file)).toBe(`${file} is a file, not a directory`);
  });

  it.skipIf(!existsSync('/proc/self'))('under /proc, where recursive mkdir loops for ever, it fails at once naming the level', async () => {
    const started = performance.now();
    expect(await settled('/proc/conformance-x/y')).toBe('/proc/conformance-x cannot be made: its parent takes no new directories (ENOENT)');
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
