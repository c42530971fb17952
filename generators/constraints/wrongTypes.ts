import fc from 'fast-check';
import type { Shape } from '../../src/spec/index.ts';
import type { NamedValues } from './length.ts';

/**
 * JSON values of the wrong type for a shape (restJson1 maps string/enum/timestamp → JSON string,
 * integer → JSON number without fraction, list → array, structure → object). JSON null is not among
 * them: null for an optional member is an unspecified case, for a required one it is "missing".
 */
export function wrongTypes(shape: Shape): NamedValues<unknown>[] {
  const all: Record<string, NamedValues<unknown>> = {
    string: { how: 'a string', arbitrary: fc.constantFrom('5', 'true', 'x') },
    number: { how: 'a number', arbitrary: fc.integer({ min: 1, max: 1000 }) },
    fraction: { how: 'a number with a fraction', arbitrary: fc.constantFrom(1.5, 30.25, 2.000001) },
    boolean: { how: 'a boolean', arbitrary: fc.boolean() },
    array: { how: 'an array', arbitrary: fc.constant(['x']) },
    object: { how: 'an object', arbitrary: fc.constant({ value: 'x' }) },
  };
  const pick = (...names: string[]) => names.map((n) => all[n]!);
  switch (shape.type) {
    case 'string':
    case 'enum':
    case 'timestamp':
      return pick('number', 'boolean', 'array', 'object');
    case 'integer':
      return pick('string', 'fraction', 'boolean', 'array', 'object');
    case 'list':
      return pick('string', 'number', 'object');
    case 'structure':
      return pick('string', 'number', 'array');
    case 'boolean':
      return pick('string', 'number', 'array', 'object');
  }
}
