import fc from 'fast-check';

/** Values generated at once (see sampleInChunks). */
const CHUNK = 64;

/**
 * The first `runs` values of `arbitrary` from `seed`, exactly as one `fc.sample` gives them, generated a
 * few at a time (CHUNK) as the caller takes them rather than all at once: a thousand cases made in one go
 * outlive several young-generation collections while they wait, so V8 moves them to the old generation,
 * whose garbage then makes the heap grow with --runs. A chunk starting at value k is fast-check's own
 * stream from the --path k on (skipping k values costs k jumps of the random generator, not k values).
 */
export function* sampleInChunks<T>(arbitrary: fc.Arbitrary<T>, seed: number, runs: number): Generator<{ index: number; value: T }> {
  for (let start = 0; start < runs; start += CHUNK) {
    const values = fc.sample(arbitrary, { seed, numRuns: Math.min(CHUNK, runs - start), ...(start > 0 ? { path: String(start) } : {}) });
    for (let k = 0; k < values.length; k++) yield { index: start + k, value: values[k]! };
  }
}
