import { RegExpParser, type AST } from '@eslint-community/regexpp';

/** @internal One element of an anchored alternative: a single-character matcher repeated min..max times. */
export interface Atom {
  raw: string;
  /** The single-character matcher as written, without its quantifier (`[a-zA-Z0-9 ]` of `[a-zA-Z0-9 ]{0,30}`). */
  matcher: string;
  /** Characters from the probe pool that this atom accepts / rejects. */
  accepts: string[];
  rejects: string[];
  min: number;
  max: number;
}

/** @internal An alternative of the pattern; `atoms` is undefined when it is not a simple anchored sequence. */
export interface Alternative {
  raw: string;
  anchored: boolean;
  atoms?: Atom[];
  /**
   * An unanchored alternative that is one single-character matcher, such as NonEmptyString128's `\S`:
   * a string matches it when any one of its characters does.
   */
  anywhere?: Atom;
}

/**
 * @internal Characters used to probe what a character class accepts: alphanumerics first (fast-check
 * shrinks towards the first, so shrunk values stay readable), the rest of printable ASCII, ASCII
 * whitespace, and a few non-ASCII letters and an astral symbol. Deliberately no Unicode whitespace or
 * non-ASCII digits: regex engines disagree on whether \s and \d match them (Java, Python, Rust vs
 * ECMAScript), so a case built on them could be valid to the server it tests.
 */
export const PROBE_CHARS: readonly string[] = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).filter((c) => !/[A-Za-z0-9]/.test(c)),
  '\t', '\n', '\r', 'é', 'ß', '中', '😀',
];

const WHITESPACE = /^\s$/u;
export const isWhitespace = (c: string) => WHITESPACE.test(c);

/**
 * @internal Splits a Smithy @pattern (ECMAScript, not implicitly anchored) into alternatives, and each
 * anchored alternative of the form ^ x{m,n} y ... $ into atoms, so boundaries and violations can be
 * derived from the pattern instead of being typed by hand.
 */
export function analysePattern(pattern: string): Alternative[] {
  const ast = new RegExpParser().parsePattern(pattern, undefined, undefined, { unicode: true });
  return ast.alternatives.map((alt) => {
    const first = alt.elements[0];
    const last = alt.elements.at(-1);
    const anchored = first?.type === 'Assertion' && first.kind === 'start' && last?.type === 'Assertion' && last.kind === 'end';
    if (!anchored) {
      const only = alt.elements.length === 1 ? toAtom(alt.elements[0]!) : undefined;
      return only && only.min === 1 ? { raw: alt.raw, anchored, anywhere: only } : { raw: alt.raw, anchored };
    }
    const atoms: Atom[] = [];
    for (const element of alt.elements.slice(1, -1)) {
      const atom = toAtom(element);
      if (!atom) return { raw: alt.raw, anchored };
      atoms.push(atom);
    }
    return { raw: alt.raw, anchored, atoms };
  });
}

function toAtom(element: AST.Element): Atom | undefined {
  const [inner, min, max] = element.type === 'Quantifier' ? [element.element, element.min, element.max] : [element, 1, 1];
  if (inner.type !== 'Character' && inner.type !== 'CharacterClass' && inner.type !== 'CharacterSet') return undefined;
  const single = new RegExp(`^(?:${inner.raw})$`, 'u');
  return {
    raw: element.raw,
    matcher: inner.raw,
    accepts: PROBE_CHARS.filter((c) => single.test(c)),
    rejects: PROBE_CHARS.filter((c) => !single.test(c)),
    min,
    max,
  };
}
