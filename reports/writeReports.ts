import { randomUUID } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { RunReport } from '../src/model/report.ts';
import { defaultOperation, type OperationModel } from '../src/spec/index.ts';
import { makeDirectory } from './makeDirectory.ts';
import { renderHtml } from './renderHtml.ts';
import { renderJson } from './renderJson.ts';
import { renderJunit } from './renderJunit.ts';
import { specConstraints } from './specConstraints.ts';

/**
 * Writes `junit.xml`, `report.json` and `report.html` into `dir` (created if missing) and returns their
 * absolute paths. Each file is written to a temporary name and renamed into place, so a CI step that picks
 * the files up never reads half a report, and a crash mid-write leaves the previous run's file intact.
 *
 * `model` is the spec the run used (default: the bundled one); the HTML report's coverage matrix lists its
 * constraints. A spec that cannot be compiled still gets all three files, the matrix then without gaps.
 */
export async function writeReports(report: RunReport, dir: string, model?: OperationModel): Promise<{ junit: string; json: string; html: string }> {
  const target = resolve(dir);
  await makeDirectory(target);
  const junit = join(target, 'junit.xml');
  const json = join(target, 'report.json');
  const html = join(target, 'report.html');
  await Promise.all([
    writeAtomically(junit, renderJunit(report)),
    writeAtomically(json, renderJson(report)),
    writeAtomically(html, renderHtml(report, constraintsOf(model))),
  ]);
  return { junit, json, html };
}

// --- internal ---

function constraintsOf(model: OperationModel | undefined): { constraints: string[] } | undefined {
  try {
    return { constraints: specConstraints(model ?? defaultOperation()) };
  } catch {
    // Reports are also written when the run failed because the spec is broken (SpecLoadError): the
    // report still says why, so a second spec error here must not stop it from being written.
    return undefined;
  }
}

async function writeAtomically(path: string, content: string): Promise<void> {
  // Same directory as the target: rename(2) is atomic only within one file system.
  const temp = `${path}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await writeFile(temp, content, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
