import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * Makes `dir` and whatever parents it lacks, one level at a time, and throws an Error that names the
 * level that cannot be made and why, in words. Node's own `mkdir(dir, { recursive: true })` loops for
 * ever, at full CPU, where a parent exists but answers ENOENT for a new child (procfs:
 * `--report-dir /proc/x/y`); walking the levels once cannot.
 */
export async function makeDirectory(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let at = resolve(dir); ; at = dirname(at)) {
    const found = await stat(at).catch((error: NodeJS.ErrnoException) => {
      // ENOTDIR: a level above is a file; the walk up finds it and names it.
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
      throw new Error(`${at}: ${words(error)}`);
    });
    if (found?.isDirectory()) break;
    if (found) throw new Error(`${at} is a file, not a directory`);
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const level of missing.reverse()) {
    await mkdir(level).catch(async (error: NodeJS.ErrnoException) => {
      // Made by someone else meanwhile (another run into the same directory) is as good as made.
      if (error.code === 'EEXIST' && (await stat(level).catch(() => undefined))?.isDirectory()) return;
      throw new Error(`${level} cannot be made: ${words(error)}`);
    });
  }
}

function words(error: NodeJS.ErrnoException): string {
  const said: Record<string, string> = {
    // mkdir(2) says ENOENT for a child of a directory that takes none (procfs, sysfs).
    ENOENT: 'its parent takes no new directories',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    ENOTDIR: 'a part of the path is a file, not a directory',
    ENAMETOOLONG: 'the name is too long',
    ELOOP: 'too many symbolic links',
  };
  return error.code ? `${said[error.code] ?? error.message.split('\n')[0]} (${error.code})` : String(error.message);
}
