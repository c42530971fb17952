import { RegExpParser, type AST } from '@eslint-community/regexpp';
import type { OperationModel, StringShape } from '../src/spec/index.ts';
import { participantKey } from './participantKey.ts';

/** Enumerating a wide pattern must stop somewhere; no test needs a participant in more open sessions. */
const ENUMERATION_CAP = 100_000;

/**
 * The numbers the emulator hands out as ProxyPhoneNumbers, in allocation order. They are the numbers
 * matching the first `fictional` entry of the shape Participant.ProxyPhoneNumber targets
 * (spec shapes/E164PhoneNumber/fictional: "the emulator uses the first entry for its proxy-number pool"),
 * so a run against the emulator never hands out a number a subscriber could own. Each is also checked
 * against the shape's own @pattern, and numbers equal up to a leading '+' count once (the '+' form wins).
 */
export function proxyNumberPool(model: OperationModel, limit = ENUMERATION_CAP): readonly string[] {
  let pool = cache.get(model);
  if (!pool) {
    pool = Object.freeze(enumeratePool(model));
    cache.set(model, pool);
  }
  return limit < pool.length ? pool.slice(0, Math.max(1, limit)) : pool;
}

/** Enumeration takes a fraction of a second; models are frozen, so one pool per model is enough. */
const cache = new WeakMap<OperationModel, readonly string[]>();

function enumeratePool(model: OperationModel): string[] {
  const shape = proxyNumberShape(model);
  const fictional = shape.fictional?.[0];
  if (!fictional) throw new Error('the spec gives no fictional phone numbers to build a proxy-number pool from');
  const e164 = new RegExp(shape.pattern ?? '', 'u');
  const seen = new Set<string>();
  const pool: string[] = [];
  for (const candidate of matchesOf(fictional.pattern)) {
    if (pool.length >= ENUMERATION_CAP) break;
    const key = participantKey(candidate);
    if (seen.has(key) || !e164.test(candidate)) continue;
    seen.add(key);
    pool.push(candidate);
  }
  if (pool.length === 0) throw new Error(`fictional pattern ${fictional.pattern} yields no E.164 number`);
  return pool;
}

function proxyNumberShape(model: OperationModel): StringShape {
  const session = model.shape(memberTarget(model, model.spec.operation.output, 'ProxySession'));
  const participants = model.shape(memberTarget(model, session, 'Participants'));
  if (participants.type !== 'list') throw new Error('ProxySession.Participants is not a list');
  const shape = model.shape(memberTarget(model, model.shape(participants.member), 'ProxyPhoneNumber'));
  if (shape.type !== 'string') throw new Error('Participant.ProxyPhoneNumber is not a string shape');
  return shape;
}

function memberTarget(model: OperationModel, shapeOrName: string | ReturnType<OperationModel['shape']>, member: string): string {
  const shape = typeof shapeOrName === 'string' ? model.shape(shapeOrName) : shapeOrName;
  const target = shape.type === 'structure' ? shape.members[member]?.target : undefined;
  if (!target) throw new Error(`the spec has no member ${member} where the emulator expects one`);
  return target;
}

/** Characters a fictional-number pattern is probed with: printable ASCII covers '+' and the digits. */
const PROBE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));

interface Atom {
  chars: string[];
  min: number;
  max: number;
}

/**
 * Every string an anchored pattern of the form ^ atom{m,n} atom ... $ matches (alternatives in turn),
 * longest repetition first so an optional leading '+' comes out in the E.164 form. Alternatives that are
 * not of that simple form are skipped.
 */
function* matchesOf(pattern: string): Generator<string> {
  const ast = new RegExpParser().parsePattern(pattern, undefined, undefined, { unicode: true });
  for (const alternative of ast.alternatives) {
    const atoms = atomsOf(alternative);
    if (atoms) yield* expand(atoms);
  }
}

function atomsOf(alternative: AST.Alternative): Atom[] | undefined {
  const elements = alternative.elements;
  const first = elements[0];
  const last = elements.at(-1);
  const anchored = first?.type === 'Assertion' && first.kind === 'start' && last?.type === 'Assertion' && last.kind === 'end';
  if (!anchored || elements.length < 2) return undefined;
  const atoms: Atom[] = [];
  for (const element of elements.slice(1, -1)) {
    const [inner, min, max] = element.type === 'Quantifier' ? [element.element, element.min, element.max] : [element, 1, 1];
    if (inner.type !== 'Character' && inner.type !== 'CharacterClass' && inner.type !== 'CharacterSet') return undefined;
    const single = new RegExp(`^(?:${inner.raw})$`, 'u');
    // An unbounded repetition (x+, x*) is enumerated at its minimum only: the pool needs numbers, not all of them.
    atoms.push({ chars: PROBE.filter((c) => single.test(c)), min, max: Number.isFinite(max) ? max : min });
  }
  return atoms;
}

/** Repetition counts per atom, each from its max down to its min, in odometer order. */
function* countChoices(atoms: readonly Atom[], index = 0): Generator<number[]> {
  const atom = atoms[index];
  if (!atom) {
    yield [];
    return;
  }
  for (let count = atom.max; count >= atom.min; count--) {
    for (const rest of countChoices(atoms, index + 1)) yield [count, ...rest];
  }
}

function* expand(atoms: readonly Atom[]): Generator<string> {
  for (const counts of countChoices(atoms)) {
    const slots = atoms.flatMap((atom, i) => Array.from({ length: counts[i]! }, () => atom.chars));
    if (slots.some((chars) => chars.length === 0)) continue;
    // An odometer over the slots: the last position turns fastest, so numbers come out in order.
    const digits = slots.map(() => 0);
    for (;;) {
      yield slots.map((chars, i) => chars[digits[i]!]).join('');
      let i = slots.length - 1;
      while (i >= 0 && ++digits[i]! === slots[i]!.length) digits[i--] = 0;
      if (i < 0) break;
    }
  }
}
