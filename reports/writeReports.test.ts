import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultOperation } from '../src/spec/index.ts';
import { failingReport, passingReport } from './_fixtures.ts';
import { renderHtml } from './renderHtml.ts';
import { renderJson } from './renderJson.ts';
import { renderJunit } from './renderJunit.ts';
import { specConstraints } from './specConstraints.ts';
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
  it('creates missing directories and writes all three files, leaving no temporary file', async () => {
    // Arrange
    const dir = join(await scratch(), 'a', 'b');
    const report = failingReport();

    // Act
    const paths = await writeReports(report, dir);

    // Assert
    expect(paths).toEqual({ junit: join(dir, 'junit.xml'), json: join(dir, 'report.json'), html: join(dir, 'report.html') });
    expect(isAbsolute(paths.junit)).toBe(true);
    expect(await readFile(paths.junit, 'utf8')).toBe(renderJunit(report));
    expect(await readFile(paths.json, 'utf8')).toBe(renderJson(report));
    expect(await readFile(paths.html, 'utf8')).toBe(renderHtml(report, { constraints: specConstraints(defaultOperation()) }));
    expect((await readdir(dir)).sort()).toEqual(['junit.xml', 'report.html', 'report.json']);
  });

  it('lists the constraints of the model it is given in the HTML coverage matrix', async () => {
    const model = defaultOperation();
    const narrowed = { ...model, input: { ...model.input, members: { Name: model.input.members.Name! } } };

    const paths = await writeReports(passingReport(), await scratch(), narrowed);

    const html = await readFile(paths.html, 'utf8');
    expect(html).toContain('<code>/Name#pattern</code>');
    expect(html).not.toContain('<code>/ExpiryMinutes#range</code>');
  });

  it('replaces the files of an earlier run', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'report.json'), 'stale');

    const paths = await writeReports(passingReport(), dir);

    expect(await readFile(paths.json, 'utf8')).toBe(renderJson(passingReport()));
  });
});
