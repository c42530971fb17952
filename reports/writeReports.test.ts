import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { failingReport, passingReport } from './_fixtures.ts';
import { renderJson } from './renderJson.ts';
import { renderJunit } from './renderJunit.ts';
import { writeReports } from './writeReports.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'conformance-reports-'));
  dirs.push(dir);
  return dir;
}

describe('writeReports', () => {
  it('creates missing directories and writes both files, leaving no temporary file', async () => {
    // Arrange
    const dir = join(await scratch(), 'a', 'b');
    const report = failingReport();

    // Act
    const paths = await writeReports(report, dir);

    // Assert
    expect(paths).toEqual({ junit: join(dir, 'junit.xml'), json: join(dir, 'report.json') });
    expect(isAbsolute(paths.junit)).toBe(true);
    expect(await readFile(paths.junit, 'utf8')).toBe(renderJunit(report));
    expect(await readFile(paths.json, 'utf8')).toBe(renderJson(report));
    expect((await readdir(dir)).sort()).toEqual(['junit.xml', 'report.json']);
  });

  it('replaces the files of an earlier run', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'report.json'), 'stale');

    const paths = await writeReports(passingReport(), dir);

    expect(await readFile(paths.json, 'utf8')).toBe(renderJson(passingReport()));
  });
});
