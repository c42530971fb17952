import fc from 'fast-check';
import type { RangeTrait } from '../../src/spec/index.ts';
import type { NamedValues } from './length.ts';

/** Largest value a restJson1 Integer can carry (Smithy integer is 32-bit signed). */
const INT_MAX = 2 ** 31 - 1;
const INT_MIN = -(2 ** 31);

/**
 * Smithy @range on an integer. `documented` narrows the valid side to documented behaviour (values below
 * its min or above its max are unspecified cases, spec /oracle/unspecified), without making them violations.
 */
export function rangeIntegers(range: RangeTrait | undefined, documented: { min?: number | undefined; max?: number | undefined } = {}) {
  const min = Math.max(range?.min ?? INT_MIN, documented.min ?? INT_MIN);
  const max = Math.min(range?.max ?? INT_MAX, documented.max ?? INT_MAX);
  const boundaries: NamedValues<number>[] = [{ how: documented.min !== undefined && min !== range?.min ? `${min}, the smallest documented value` : `${min}, the minimum`, arbitrary: fc.constant(min) }];
  if (range?.max !== undefined || documented.max !== undefined) boundaries.push({ how: `${max}, the largest documented value`, arbitrary: fc.constant(max) });
  const violations: NamedValues<number>[] = [];
  if (range?.min !== undefined) {
    violations.push({ how: `${range.min - 1}, one below the minimum ${range.min}`, arbitrary: fc.constant(range.min - 1) });
    violations.push({ how: `far below the minimum ${range.min}`, arbitrary: fc.integer({ min: INT_MIN, max: range.min - 1 }) });
  }
  if (range?.max !== undefined) violations.push({ how: `${range.max + 1}, one above the maximum ${range.max}`, arbitrary: fc.constant(range.max + 1) });
  return { valid: fc.integer({ min, max }), boundaries, violations };
}
