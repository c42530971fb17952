import type fc from 'fast-check';
import type { LengthTrait } from '../../src/spec/index.ts';
import type { NamedStrings } from './pattern.ts';

export interface NamedValues<T> {
  how: string;
  arbitrary: fc.Arbitrary<T>;
}

/**
 * Smithy @length: one below the minimum (when the minimum is above 0) and one above the maximum.
 * `ofLength(n)` produces values of exactly n units that satisfy every other constraint of the shape.
 */
export function lengthViolations<T>(length: LengthTrait | undefined, ofLength: (n: number) => fc.Arbitrary<T>): NamedValues<T>[] {
  const out: NamedValues<T>[] = [];
  if (length?.min !== undefined && length.min > 0) out.push({ how: `length ${length.min - 1}, below the minimum ${length.min}`, arbitrary: ofLength(length.min - 1) });
  if (length?.max !== undefined) out.push({ how: `length ${length.max + 1}, above the maximum ${length.max}`, arbitrary: ofLength(length.max + 1) });
  return out;
}

/** Smithy @length boundaries that are valid: exactly the minimum and exactly the maximum. */
export function lengthBoundaries<T>(length: LengthTrait | undefined, ofLength: (n: number) => fc.Arbitrary<T>): NamedValues<T>[] {
  const out: NamedValues<T>[] = [];
  if (length?.min !== undefined) out.push({ how: `length ${length.min}, the minimum`, arbitrary: ofLength(length.min) });
  if (length?.max !== undefined && length.max !== length.min) out.push({ how: `length ${length.max}, the maximum`, arbitrary: ofLength(length.max) });
  return out;
}

export type { NamedStrings };
