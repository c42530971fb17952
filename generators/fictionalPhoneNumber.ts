import fc from 'fast-check';
import type { OperationModel, StringShape } from '../src/spec/index.ts';
import { patternStrings } from './constraints/pattern.ts';

/**
 * Phone numbers no subscriber can own (spec E164PhoneNumber `fictional`), that also match the
 * E164PhoneNumber pattern. `digits` narrows to numbers of exactly that many digits (for boundaries).
 */
export function fictionalPhoneNumber(model: OperationModel, options: { digits?: number; plus?: boolean; shape?: string } = {}): fc.Arbitrary<string> {
  const shape = model.shape('E164PhoneNumber') as StringShape;
  const e164 = new RegExp(shape.pattern ?? '', 'u');
  const digitsOf = (s: string) => s.replace(/^\+/, '').length;
  const sources = (shape.fictional ?? []).filter((f) => options.shape === undefined || f.shape === options.shape).map((f) => patternStrings(f.pattern).valid);
  if (sources.length === 0) throw new Error('spec E164PhoneNumber has no fictional number patterns');
  return fc
    .oneof(...sources)
    .filter((s) => e164.test(s))
    .filter((s) => options.digits === undefined || digitsOf(s) === options.digits)
    .filter((s) => options.plus === undefined || s.startsWith('+') === options.plus);
}

/** Two numbers are the same subscriber when they are equal up to a leading `+` (docs/oracle.md, the participants-echo check). */
export function samePhoneNumber(a: string, b: string): boolean {
  return a.replace(/^\+/, '') === b.replace(/^\+/, '');
}
