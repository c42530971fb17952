import fc from 'fast-check';

/**
 * The value fast-check produces for `seed` at `path` (the n-th generated value, then shrink steps), as
 * `--seed S --family F --path P` regenerates it; undefined when this arbitrary has no such path (a report
 * from another spec or tool version).
 */
export function valueAtPath<T>(arbitrary: fc.Arbitrary<T>, seed: number, path: string): T | undefined {
  try {
    return fc.check(fc.property(arbitrary, () => false), { seed, path, numRuns: 1, endOnFailure: true }).counterexample?.[0] as T | undefined;
  } catch {
    return undefined;
  }
}
