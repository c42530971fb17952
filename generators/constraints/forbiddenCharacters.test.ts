import { describe, expect, it } from 'vitest';
import { defaultOperation, type Shape } from '../../src/spec/index.ts';
import { analysePattern } from '../_regex.ts';
import { forbiddenCharacters } from './forbiddenCharacters.ts';

const model = defaultOperation();
const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));

/** Every string shape with a pattern in the spec (the operation's input ones among them). */
const patterned = Object.entries(model.spec.shapes as Record<string, Shape>).flatMap(([name, shape]) =>
  shape.type === 'string' && shape.pattern !== undefined ? [{ name, pattern: shape.pattern, length: shape.length ?? {} }] : [],
);

describe('forbiddenCharacters', () => {
  it.each(patterned)('$name: each value breaks the pattern by its one placed character and keeps @length', ({ pattern, length }) => {
    // Arrange
    const re = new RegExp(pattern, 'u');
    // Act
    const sweeps = forbiddenCharacters(pattern, length);
    // Assert
    expect(sweeps.length).toBeGreaterThan(0);
    for (const sweep of sweeps) {
      const admitted = PRINTABLE.filter((c) => new RegExp(`^(?:${sweep.matcher})$`, 'u').test(c));
      for (const c of sweep.cases) {
        expect(c.value, c.how).not.toMatch(re);
        expect(c.value[c.at]).toBe(c.char);
        expect(c.value.length).toBeGreaterThanOrEqual(length.min ?? 0);
        expect(c.value.length).toBeLessThanOrEqual(length.max ?? Infinity);
        // Otherwise valid: with a character the class admits in its place, the value matches (an
        // unanchored class such as \S governs every position: one admitted character is enough).
        if (admitted.length > 0) expect(c.value.slice(0, c.at) + admitted[0] + c.value.slice(c.at + 1), c.how).toMatch(re);
      }
    }
  });

  it.each(patterned)('$name: every printable character outside a class is tried once or said to match elsewhere', ({ pattern, length }) => {
    for (const sweep of forbiddenCharacters(pattern, length)) {
      const outside = PRINTABLE.filter((c) => !new RegExp(`^(?:${sweep.matcher})$`, 'u').test(c));
      const tried = sweep.cases.map((c) => c.char);
      expect(new Set(tried).size).toBe(tried.length);
      expect([...tried, ...sweep.matchesElsewhere].sort()).toEqual(outside.sort());
    }
  });

  it('sweeps every class of an anchored alternative, and the one class of an unanchored one', () => {
    for (const { pattern, length } of patterned) {
      const classes = analysePattern(pattern).flatMap((alt) => [...(alt.atoms ?? []), ...(alt.anywhere ? [alt.anywhere] : [])]);
      const swept = forbiddenCharacters(pattern, length).map((s) => s.matcher);
      for (const atom of classes) if (atom.rejects.some((c) => PRINTABLE.includes(c))) expect(swept, pattern).toContain(atom.matcher);
    }
  });

  it("Name: '_' and '-' are among the characters tried, in the middle of a valid run", () => {
    const name = model.shape(model.input.members.Name!.target);
    if (name.type !== 'string' || name.pattern === undefined) throw new Error('Name has no pattern');
    const cases = forbiddenCharacters(name.pattern, name.length).flatMap((s) => s.cases);
    for (const char of ['_', '-']) {
      const c = cases.find((x) => x.char === char);
      expect(c, char).toBeDefined();
      expect(c!.at).toBeGreaterThan(0);
      expect(c!.at).toBeLessThan(c!.value.length - 1);
    }
  });

  it('a character that makes the value match another way is not a case (a digit where the optional + goes)', () => {
    const phone = model.shape('E164PhoneNumber');
    if (phone.type !== 'string' || phone.pattern === undefined) throw new Error('E164PhoneNumber has no pattern');
    const re = new RegExp(phone.pattern, 'u');
    for (const sweep of forbiddenCharacters(phone.pattern, phone.length)) {
      for (const char of sweep.matchesElsewhere) expect(sweep.cases.some((c) => c.char === char)).toBe(false);
      for (const c of sweep.cases) expect(c.value).not.toMatch(re);
    }
  });
});
