import { renameSync, writeFileSync } from 'node:fs';
import { makeDirectory } from '../reports/index.ts';
import { join } from 'node:path';
import type { CheckSummary } from '../src/model/report.ts';
import { readInputFile } from '../src/spec/readInputFile.ts';
import type { CorpusEntry, CorpusOutcome } from '../engine/types.ts';

/**
 * The failure corpus, as Hypothesis keeps its example database: every failing case a run kept (shrunk
 * where it was) is saved, and the next run replays the saved cases first, whatever its seed, so a defect
 * found once is tried again until it is gone. An entry leaves after it has passed PASSES_TO_LEAVE runs in a
 * row, or when its case no longer exists (the spec or the generators changed: its --case-digest no longer
 * matches). One JSON file in the directory, rewritten whole at the end of a run.
 */
export interface SavedCase extends CorpusEntry {
  /** The check it failed when it was saved, and that failure's fingerprint (for the reader). */
  check: string;
  fingerprint?: string;
  /** Runs in a row that replayed it without a failure. */
  passes: number;
  savedAt: string;
}

/** Runs in a row a saved case must pass before it leaves the corpus. */
export const PASSES_TO_LEAVE = 3;
/** Saved cases at most: the newest are kept (a broken endpoint fails thousands of cases alike). */
const MAX_SAVED = 1_000;
const FILE = 'cases.json';

/** The saved cases of a corpus directory; none when it does not exist or cannot be read (the run says so). */
export function readCorpus(dir: string): { cases: SavedCase[]; problem?: string } {
  const read = readInputFile(join(dir, FILE));
  if ('problem' in read) return read.problem.startsWith('cannot be read: no such file') ? { cases: [] } : { cases: [], problem: `${join(dir, FILE)} ${read.problem}` };
  try {
    const data = JSON.parse(read.text) as { cases?: unknown };
    const cases = Array.isArray(data.cases) ? data.cases.filter(isSavedCase) : [];
    return { cases };
  } catch {
    return { cases: [], problem: `${join(dir, FILE)} is not JSON; the corpus starts afresh` };
  }
}

/**
 * The corpus after a run: replayed cases that failed again start counting passes anew, those that passed
 * count one more (and leave at PASSES_TO_LEAVE), stale ones leave; the run's new failing examples of
 * required and opt-in checks are added. Returns what changed, for one line of output.
 */
export function updateCorpus(saved: readonly SavedCase[], outcomes: readonly CorpusOutcome[], checks: readonly CheckSummary[], runs: number, now = new Date()): { cases: SavedCase[]; added: number; left: number } {
  const byKey = new Map(outcomes.map((o) => [o.key, o.outcome]));
  const kept: SavedCase[] = [];
  let left = 0;
  for (const entry of saved) {
    const outcome = byKey.get(entry.key);
    const passes = outcome === 'failed' ? 0 : outcome === 'passed' ? entry.passes + 1 : entry.passes;
    if (outcome === 'stale' || passes >= PASSES_TO_LEAVE) left++;
    else kept.push({ ...entry, passes });
  }
  const known = new Set(kept.map((e) => e.key));
  let added = 0;
  for (const c of checks) {
    if (c.strength === 'advisory') continue;
    for (const f of c.failures) {
      const key = corpusKey(f.family, f.seed, f.replayPath);
      if (known.has(key)) continue;
      known.add(key);
      added++;
      kept.push({ key, family: f.family, seed: f.seed, path: f.replayPath, ...(f.caseDigest ? { caseDigest: f.caseDigest } : {}), runs, check: c.check, ...(f.fingerprint ? { fingerprint: f.fingerprint } : {}), passes: 0, savedAt: now.toISOString() });
    }
  }
  return { cases: kept.slice(-MAX_SAVED), added, left };
}

/** Writes the corpus (atomically: a run killed halfway leaves the old file). */
export async function writeCorpus(dir: string, cases: readonly SavedCase[]): Promise<void> {
  await makeDirectory(dir);
  const file = join(dir, FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ about: 'conformance failure corpus: failing cases replayed first by the next run (docs/gating.md, "The failure corpus")', cases }, null, 1)}\n`);
  renameSync(`${file}.tmp`, file);
}

export function corpusKey(family: string, seed: number, path: string): string {
  return `${family} ${seed} ${path}`;
}

function isSavedCase(value: unknown): value is SavedCase {
  const v = value as Partial<SavedCase> | null;
  return !!v && typeof v.key === 'string' && typeof v.family === 'string' && typeof v.seed === 'number' && typeof v.path === 'string' && typeof v.runs === 'number' && typeof v.passes === 'number';
}
