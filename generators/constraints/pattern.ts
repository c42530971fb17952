import fc from 'fast-check';
import { analysePattern, isWhitespace, PROBE_CHARS, type Atom } from '../_regex.ts';
import type { LengthTrait } from '../../src/spec/index.ts';

/** A named way to produce strings; `how` ends up in case titles and violation labels. */
export interface NamedStrings {
  how: string;
  arbitrary: fc.Arbitrary<string>;
}

/**
 * Smithy @pattern (plus the shape's @length, which every produced value keeps) as arbitraries:
 * - `valid`: any matching string;
 * - `boundaries`: for each anchored alternative, its shortest and longest strings, and, when the pattern
 *   admits whitespace, a longest string with whitespace at both ends;
 * - `violations`: strings that break the pattern and nothing else (the length trait still holds): one
 *   repetition too many or too few of an atom, one character outside an atom's class, whitespace only.
 * Only strategies that can produce a value are returned, so a filter never starves.
 */
export function patternStrings(pattern: string, length: LengthTrait = {}): PatternStrings {
  const key = `${pattern}\u0000${length.min ?? ''}:${length.max ?? ''}`;
  let found = memo.get(key);
  if (!found) memo.set(key, (found = derive(pattern, length)));
  return found;
}

export interface PatternStrings {
  valid: fc.Arbitrary<string>;
  boundaries: NamedStrings[];
  violations: NamedStrings[];
}

/** Deriving checks every strategy by sampling it, so it is done once per (pattern, length). */
const memo = new Map<string, PatternStrings>();

function derive(pattern: string, length: LengthTrait): PatternStrings {
  const re = new RegExp(pattern, 'u');
  const withinLength = (s: string) => {
    const n = [...s].length;
    return n >= (length.min ?? 0) && n <= (length.max ?? Infinity);
  };
  const alternatives = analysePattern(pattern);
  // Simple anchored alternatives are generated atom by atom (fast, and shrinks per atom); anything else
  // falls back to fast-check's general regex generator.
  const simple = alternatives.every((a) => a.atoms !== undefined);
  // No pattern (`''`, which matches every string): any printable text within the length trait.
  const any = pattern === '' ? fc.string({ unit: 'grapheme-ascii', minLength: length.min ?? 0, ...(length.max !== undefined ? { maxLength: length.max } : {}) }) : undefined;
  const valid = (any ?? (simple ? fc.oneof(...alternatives.map((a) => sequence(a.atoms!.map((atom) => [atom, between(atom)])))) : fc.stringMatching(re))).filter(
    (s) => re.test(s) && withinLength(s),
  );
  const boundaries: NamedStrings[] = [];
  const violations: NamedStrings[] = [];
  for (const alt of alternatives) {
    if (!alt.atoms) continue;
    const atoms = alt.atoms;
    boundaries.push({ how: `shortest of ${alt.raw}`, arbitrary: sequence(atoms.map((a) => [a, a.min])) });
    if (atoms.every((a) => Number.isFinite(a.max)) && atoms.some((a) => a.max !== a.min)) {
      boundaries.push({ how: `longest of ${alt.raw}`, arbitrary: sequence(atoms.map((a) => [a, a.max])) });
      const spaced = atoms.findIndex((a) => a.max >= 2 && a.accepts.some(isWhitespace));
      if (spaced >= 0) {
        const space = atoms[spaced]!.accepts.find(isWhitespace)!;
        boundaries.push({
          how: `longest of ${alt.raw} with whitespace at both ends`,
          arbitrary: sequence(atoms.map((a) => [a, a.max])).map((s) => space + [...s].slice(1, -1).join('') + space),
        });
      }
    }
    for (const [i, atom] of atoms.entries()) {
      if (Number.isFinite(atom.max)) {
        violations.push({ how: `${atom.raw} repeated ${atom.max + 1} times`, arbitrary: sequence(atoms.map((a, j) => [a, j === i ? a.max + 1 : between(a)])) });
      }
      if (atom.min > 0) {
        violations.push({ how: `${atom.raw} repeated ${atom.min - 1} times`, arbitrary: sequence(atoms.map((a, j) => [a, j === i ? a.min - 1 : between(a)])) });
      }
      if (atom.rejects.length > 0 && atom.max > 0) {
        violations.push({
          how: `a character outside ${atom.raw}`,
          arbitrary: fc.tuple(sequence(atoms.map((a, j) => [a, j === i ? Math.max(1, a.min) : between(a)])), fc.constantFrom(...atom.rejects)).map(
            ([s, bad]) => replaceAtomChar(s, atoms, i, bad),
          ),
        });
      }
    }
  }
  if (!re.test('') || length.min === undefined || length.min > 0) {
    // Whitespace only: the usual way to break "non-blank" patterns such as \S (NonEmptyString128).
    const spaces = PROBE_CHARS.filter(isWhitespace);
    const min = Math.max(1, length.min ?? 1);
    violations.push({ how: 'whitespace only', arbitrary: fc.array(fc.constantFrom(...spaces), { minLength: min, maxLength: min + 3 }).map((a) => a.join('')) });
  }
  violations.push({ how: 'random non-matching text', arbitrary: fc.string({ unit: 'binary', minLength: length.min ?? 0, maxLength: Math.min(length.max ?? 40, 40) }) });
  const accepted = (v: string) => re.test(v) && withinLength(v);
  const rejected = (v: string) => !re.test(v) && withinLength(v);
  // Sampling every strategy is most of the cost of deriving, and many callers want only `valid` (a phone
  // number for the preflight's body): the other two are checked on first read.
  return {
    valid,
    get boundaries() {
      const value = boundaries.filter((b) => producible(b, accepted)).map((b) => ({ how: b.how, arbitrary: b.arbitrary.filter(accepted) }));
      Object.defineProperty(this, 'boundaries', { value });
      return value;
    },
    get violations() {
      const value = violations.filter((v) => producible(v, rejected)).map((v) => ({ how: v.how, arbitrary: v.arbitrary.filter(rejected) }));
      Object.defineProperty(this, 'violations', { value });
      return value;
    },
  };
}

/**
 * Strings of exactly `n` characters that satisfy the pattern (any printable text when there is none), or
 * undefined when the pattern admits no string of that length. Random printable text that happens to match
 * where that is likely (an unanchored `\S`); otherwise built atom by atom, the first atoms as long as they
 * may be (VoiceConnectorName's `^[a-zA-Z0-9 _.-]+$` at 256 characters).
 */
export function patternStringsOfLength(pattern: string | undefined, n: number): fc.Arbitrary<string> | undefined {
  const key = `${pattern ?? ''}\u0000${n}`;
  if (!ofLength.has(key)) ofLength.set(key, deriveOfLength(pattern, n));
  return ofLength.get(key);
}

/** Like patternStrings' memo: finding a strategy samples candidates, and labels share patterns across operations. */
const ofLength = new Map<string, fc.Arbitrary<string> | undefined>();

function deriveOfLength(pattern: string | undefined, n: number): fc.Arbitrary<string> | undefined {
  const re = new RegExp(pattern ?? '', 'u');
  const random = fc.string({ unit: 'grapheme-ascii', minLength: n, maxLength: n }).filter((s) => re.test(s));
  if (producible({ how: '', arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: n, maxLength: n }) }, (s) => re.test(s))) return random;
  for (const alt of analysePattern(pattern ?? '')) {
    if (!alt.atoms) continue;
    let extra = n - alt.atoms.reduce((sum, a) => sum + a.min, 0);
    if (extra < 0) continue;
    const counts = alt.atoms.map((a) => {
      const add = Math.min(extra, a.max - a.min);
      extra -= add;
      return a.min + add;
    });
    if (extra > 0) continue;
    const built: NamedStrings = { how: '', arbitrary: sequence(alt.atoms.map((a, i) => [a, counts[i]!])) };
    if (producible(built, (s) => re.test(s) && [...s].length === n)) return built.arbitrary.filter((s) => re.test(s) && [...s].length === n);
  }
  return undefined;
}

type Repeat = [Atom, number | fc.Arbitrary<number>];

function between(atom: Atom): fc.Arbitrary<number> {
  return fc.integer({ min: atom.min, max: Number.isFinite(atom.max) ? atom.max : atom.min + 8 });
}

function sequence(parts: Repeat[]): fc.Arbitrary<string> {
  return fc
    .tuple(
      ...parts.map(([atom, count]) => {
        const n = typeof count === 'number' ? fc.constant(count) : count;
        return n.chain((k) => (k === 0 || atom.accepts.length === 0 ? fc.constant('') : fc.array(fc.constantFrom(...atom.accepts), { minLength: k, maxLength: k }).map((a) => a.join(''))));
      }),
    )
    .map((pieces) => pieces.join(''));
}

/** Replaces the first character produced by atom `index` with `bad`. Atoms are single characters, so offsets are countable only when the preceding atoms have fixed size: otherwise place `bad` at the start. */
function replaceAtomChar(s: string, atoms: Atom[], index: number, bad: string): string {
  const chars = [...s];
  let offset = 0;
  for (let j = 0; j < index; j++) {
    if (atoms[j]!.min !== atoms[j]!.max) return bad + chars.slice(1).join('');
    offset += atoms[j]!.min;
  }
  chars[offset] = bad;
  return chars.join('');
}

/**
 * Keeps a strategy only when its unfiltered values pass `keep` often enough (fast-check's filter retries
 * forever, so a strategy that cannot produce a value must never reach it).
 */
function producible(named: NamedStrings, keep: (s: string) => boolean): boolean {
  const tries = fc.sample(named.arbitrary, { numRuns: 60, seed: 1 });
  return tries.filter(keep).length >= 6;
}
