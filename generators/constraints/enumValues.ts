import fc from 'fast-check';
import type { NamedValues } from './length.ts';

/**
 * Smithy enum: the valid values, and strings that are not one of them: a value in another letter case
 * (enum values are case-sensitive), the empty string, and arbitrary text.
 */
export function enumValues(values: readonly string[]) {
  const isValue = (s: string) => values.includes(s);
  const violations: NamedValues<string>[] = [];
  const recased = values.flatMap((v) => [v.toLowerCase(), v.toUpperCase()]).filter((v) => !isValue(v));
  if (recased.length > 0) violations.push({ how: 'a value in another letter case', arbitrary: fc.constantFrom(...recased) });
  if (!isValue('')) violations.push({ how: 'the empty string', arbitrary: fc.constant('') });
  violations.push({ how: 'text that is not a value', arbitrary: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !isValue(s)) });
  return { valid: fc.constantFrom(...values), violations };
}
