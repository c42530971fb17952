import { writeFileSync } from 'node:fs';

/** What a running suite has done so far; the CLI shows it as a progress line. */
export interface Progress {
  suite: string;
  done: number;
  total: number;
  /** Cases so far with a transport failure or an unexpected status (the full checks run at the end). */
  failing: number;
  startedAt: number;
}

const lastWrite = new Map<string, number>();

/**
 * Writes the suite's progress to a small file the CLI polls (the suites run in a vitest worker, the
 * terminal belongs to the CLI). At most four writes a second, plus the last one.
 */
export function writeProgress(file: string | undefined, progress: Progress): void {
  if (!file) return;
  const now = Date.now();
  if (progress.done < progress.total && now - (lastWrite.get(file) ?? 0) < 250) return;
  lastWrite.set(file, now);
  try {
    writeFileSync(file, JSON.stringify(progress));
  } catch {
    // Progress is a courtesy: a failed write must never fail a run.
  }
}
