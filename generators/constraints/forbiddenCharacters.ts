import { analysePattern, type Atom } from '../_regex.ts';
import type { LengthTrait } from '../../src/spec/index.ts';

/** One must-reject value: an otherwise valid value with one character its class forbids. */
export interface ForbiddenCharacter {
  char: string;
  value: string;
  /** Where in `value` the character is (in UTF-16 units; every character here is one). */
  at: number;
  /** For the violation label: `character '_' (0x5F) outside [a-zA-Z0-9 ]`. */
  how: string;
}

/** Every printable character one class of a pattern forbids, each placed once where that class governs. */
export interface ClassSweep {
  /** The class as the pattern writes it, without its quantifier (`[a-zA-Z0-9 ]`). */
  matcher: string;
  /** What the class admits among printable ASCII, as code ranges (`0x20 0-9 A-Z a-z`). */
  admits: string;
  /** The characters the cases place, as code ranges. */
  placed: string;
  cases: ForbiddenCharacter[];
  /**
   * Characters outside the class that give no case: placed there, the value still matches the pattern
   * (through another alternative, or because a neighbouring class admits them, as a digit at the place
   * of E164PhoneNumber's optional `\+`), so they break nothing.
   */
  matchesElsewhere: string[];
}

/**
 * Printable ASCII (0x20 to 0x7E) only. Characters beyond it are left out on purpose: whether `\s`, `\d`
 * or `\w` match non-ASCII characters differs between regex dialects (ECMAScript with and without the
 * `u` flag, Java, Python, Rust), so such a value could be valid to the service under test. Within
 * printable ASCII every dialect agrees on these classes.
 */
const PRINTABLE: readonly string[] = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));

/**
 * Smithy @pattern, swept: for each character class of each alternative, every printable ASCII character
 * outside it, placed once in a value that is otherwise valid (every other class filled with a character
 * it admits), so the only thing wrong is that character. The position is the one that class governs:
 * the middle of its run when it has one of three or more (a validator that only looks at the ends is
 * caught), else its only place. An unanchored one-class alternative (`\S`) governs every position, so its
 * value is that character alone, repeated to the minimum length. The shape's @length still holds for
 * every value. Anchored alternatives of anything but single-character classes are not swept.
 */
export function forbiddenCharacters(pattern: string, length: LengthTrait = {}): ClassSweep[] {
  const re = new RegExp(pattern, 'u');
  const within = (s: string) => s.length >= (length.min ?? 0) && s.length <= (length.max ?? Infinity);
  const sweeps: ClassSweep[] = [];
  for (const alt of analysePattern(pattern)) {
    if (alt.anywhere) sweeps.push(sweep(alt.anywhere, (c) => repeatToMin(c, length), re, within));
    for (const [i, atom] of (alt.atoms ?? []).entries()) {
      const place = placement(alt.atoms!, i, length);
      if (place) sweeps.push(sweep(atom, place, re, within));
    }
  }
  return sweeps.filter((s) => s.cases.length > 0);
}

// --- internal ---

function sweep(atom: Atom, place: (c: string) => Placed | undefined, re: RegExp, within: (s: string) => boolean): ClassSweep {
  const single = new RegExp(`^(?:${atom.matcher})$`, 'u');
  const outside = PRINTABLE.filter((c) => !single.test(c));
  const cases: ForbiddenCharacter[] = [];
  const matchesElsewhere: string[] = [];
  for (const char of outside) {
    const placed = place(char);
    if (placed === undefined || !within(placed.value)) continue;
    if (re.test(placed.value)) matchesElsewhere.push(char);
    else cases.push({ char, ...placed, how: `character '${char}' (${hex(char)}) outside ${atom.matcher}` });
  }
  return {
    matcher: atom.matcher,
    admits: ranges(PRINTABLE.filter((c) => single.test(c))),
    placed: ranges(cases.map((c) => c.char)),
    cases,
    matchesElsewhere,
  };
}

/** A value with the character in it, and where. */
interface Placed {
  value: string;
  at: number;
}

function repeatToMin(char: string, length: LengthTrait): Placed {
  return { value: char.repeat(Math.max(1, length.min ?? 1)), at: 0 };
}

/**
 * How to place a character at atom `target` of an anchored alternative: every other atom at its
 * minimum, but at least once where it may appear (so optional atoms such as `\+?` keep their place and
 * the target's position is unambiguous), the target three times where it may (the character goes in the
 * middle), then counts moved towards the @length trait. Undefined when no valid filler exists or the
 * length cannot be met.
 */
function placement(atoms: Atom[], target: number, length: LengthTrait): ((c: string) => Placed) | undefined {
  if (atoms[target]!.max < 1) return undefined;
  const floor = atoms.map((a, j) => (j === target ? Math.max(a.min, 1) : a.min));
  const counts = atoms.map((a, j) => Math.min(a.max, Math.max(floor[j]!, j === target ? 3 : 1)));
  const fillers = atoms.map(filler);
  if (counts.some((n, j) => n > 0 && j !== target && fillers[j] === undefined)) return undefined;
  const total = () => counts.reduce((n, c) => n + c, 0);
  const lo = length.min ?? 0;
  const hi = length.max ?? Infinity;
  // Meet @length: grow atoms with room, or shrink those above their floor; the target last, so it keeps its middle.
  const order = [...atoms.keys()].filter((j) => j !== target).concat(target);
  for (const j of order) {
    if (total() >= lo) break;
    if (j === target || fillers[j] !== undefined) counts[j] = Math.min(atoms[j]!.max, counts[j]! + lo - total());
  }
  for (const j of order) {
    if (total() <= hi) break;
    counts[j] = Math.max(floor[j]!, counts[j]! - (total() - hi));
  }
  if (total() < lo || total() > hi) return undefined;
  const middle = Math.floor(counts[target]! / 2);
  const before = counts.slice(0, target).reduce((n, c) => n + c, 0);
  return (char) => {
    // The target's own filler may not exist (a class that admits no printable character): then every place of it holds `char`.
    const own = fillers[target] ?? char;
    const value = atoms.map((_, j) => (j === target ? own.repeat(middle) + char + own.repeat(counts[j]! - middle - 1) : fillers[j]?.repeat(counts[j]!) ?? '')).join('');
    return { value, at: before + middle };
  };
}

/** The first printable character the atom admits (alphanumerics first: PROBE_CHARS order), if any. */
function filler(atom: Atom): string | undefined {
  return atom.accepts.find((c) => PRINTABLE.includes(c));
}

function hex(char: string): string {
  return `0x${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
}

/** `0x20 0-9 A-Z a-z`: runs of consecutive code points, written as characters when both ends are alphanumeric, else in hex. */
function ranges(chars: readonly string[]): string {
  const codes = [...new Set(chars.map((c) => c.charCodeAt(0)))].sort((a, b) => a - b);
  const alnum = (code: number) => /[A-Za-z0-9]/.test(String.fromCharCode(code));
  const out: string[] = [];
  for (let i = 0; i < codes.length; ) {
    let j = i;
    while (j + 1 < codes.length && codes[j + 1] === codes[j]! + 1) j++;
    const [from, to] = [codes[i]!, codes[j]!];
    const name = alnum(from) && alnum(to) ? (code: number) => String.fromCharCode(code) : (code: number) => hex(String.fromCharCode(code));
    out.push(from === to ? name(from) : `${name(from)}-${name(to)}`);
    i = j + 1;
  }
  return out.join(' ');
}
