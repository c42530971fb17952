import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How often the heap is looked at. */
const EVERY_MS = 1_000;
/** A full collection when the heap holds this many times what the last one kept ... */
const GROWTH = 2;
/** ... and at least this much more (a small heap is left alone). */
const SLACK_BYTES = 24 * 1024 * 1024;

/**
 * Keeps the command's heap within about twice what it holds, however long the run (`conformance` only:
 * the process is the command's own; a library caller's process keeps its own settings).
 *
 * What a run holds does not grow with --runs (30-45 MB after a full collection at any --runs), but V8
 * lets the old generation grow to up to four times that before it collects when objects reach it faster
 * than it marks them (`--trace-gc-verbose`: "factor 4.0" while a suite's cases are in flight on a busy
 * machine), so how far the heap grew depended on how long the run lasted: peak RSS 246 MB at --runs 100,
 * 304 MB at --runs 1000. A full collection once the heap has doubled since the last one bounds that (226
 * and 253 MB); each takes about 35 ms, and a --runs 200 run on a quiet machine needed two. V8 offers no
 * other way to ask for one than its `gc` function, exposed here for this module only (--expose-gc, then
 * taken back).
 */
export function boundHeap(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  setFlagsFromString('--no-expose-gc');
  let kept = getHeapStatistics().used_heap_size;
  const timer = setInterval(() => {
    const used = getHeapStatistics().used_heap_size;
    if (used < Math.max(GROWTH * kept, kept + SLACK_BYTES)) return;
    gc();
    kept = getHeapStatistics().used_heap_size;
  }, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
