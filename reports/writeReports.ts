import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { RunReport } from '../src/checks/report.ts';
import { renderJson } from './renderJson.ts';
import { renderJunit } from './renderJunit.ts';

/**
 * Writes `junit.xml` and `report.json` into `dir` (created if missing) and returns their absolute paths.
 * Each file is written to a temporary name and renamed into place, so a CI step that picks the files up
 * never reads half a report, and a crash mid-write leaves the previous run's file intact.
 */
export async function writeReports(report: RunReport, dir: string): Promise<{ junit: string; json: string }> {
  const target = resolve(dir);
  await mkdir(target, { recursive: true });
  const junit = join(target, 'junit.xml');
  const json = join(target, 'report.json');
  await Promise.all([writeAtomically(junit, renderJunit(report)), writeAtomically(json, renderJson(report))]);
  return { junit, json };
}

// --- internal ---

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
