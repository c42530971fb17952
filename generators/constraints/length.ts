import type fc from 'fast-check';
import type { LengthTrait } from '../../src/spec/index.ts';
import type { NamedStrings } from './pattern.ts';

export interface NamedValues<T> {
  how: string;
  arbitrary: fc.Arbitrary<T>;
}

/**
 * Smithy @length: one below the minimum (when the minimum is above 0) and one above the maximum.
 * `ofLength(n)` produces values of exactly n units that satisfy every other constraint of the shape, or
 * undefined when there are none (a pattern that admits no value of that length: then no value breaks the
 * length alone, and there is no such violation to offer).
 */
export function lengthViolations<T>(length: LengthTrait | undefined, ofLength: (n: number) => fc.Arbitrary<T> | undefined): NamedValues<T>[] {
  const out: NamedValues<T>[] = [];
  if (length?.min !== undefined && length.min > 0) push(out, `length ${length.min - 1}, below the minimum ${length.min}`, ofLength(length.min - 1));
  if (length?.max !== undefined) push(out, `length ${length.max + 1}, above the maximum ${length.max}`, ofLength(length.max + 1));
  return out;
}

/** Smithy @length boundaries that are valid: exactly the minimum and exactly the maximum (those that other constraints allow). */
export function lengthBoundaries<T>(length: LengthTrait | undefined, ofLength: (n: number) => fc.Arbitrary<T> | undefined): NamedValues<T>[] {
  const out: NamedValues<T>[] = [];
  if (length?.min !== undefined) push(out, `length ${length.min}, the minimum`, ofLength(length.min));
  if (length?.max !== undefined && length.max !== length.min) push(out, `length ${length.max}, the maximum`, ofLength(length.max));
  return out;
}

function push<T>(out: NamedValues<T>[], how: string, arbitrary: fc.Arbitrary<T> | undefined): void {
  if (arbitrary !== undefined) out.push({ how, arbitrary });
}

export type { NamedStrings };
