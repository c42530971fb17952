import fc from 'fast-check';
import type { OperationModel, StringShape } from '../src/spec/index.ts';
import { listPositions } from './_listPositions.ts';
import { setAt } from './_pointer.ts';
import { slug } from './_family.ts';
import type { FamilyContext } from './acceptFamilies.ts';
import { forbiddenCharacters, type ClassSweep } from './constraints/forbiddenCharacters.ts';
import type { Case, CaseFamily, RequestCase } from './types.ts';
import { validBody } from './validBody.ts';
import { documentedLimits } from './validValue.ts';

/**
 * Deterministic must-reject families (docs/oracle.md, "The oracle", kind 2) that sweep every Smithy @pattern of the
 * input, labels and body members at any depth: for each character class of the pattern, every printable
 * ASCII character outside it, once, in an otherwise valid value (constraints/forbiddenCharacters.ts). A
 * random family finds such a character only by luck; here a validator that also admits, say, `_` in Name
 * is caught on every run. Each family's cases are listed (`cases`), so the engine runs exactly those
 * whatever --runs, and the replay path is the case's index.
 */
export function forbiddenCharacterFamilies(model: OperationModel, ctx: FamilyContext): CaseFamily[] {
  const labels = Object.fromEntries(model.labels.map((l) => [l, ctx.voiceConnectorId]));
  const families: CaseFamily[] = [];
  const ids = new Set<string>();
  for (const target of patternTargets(model)) {
    for (const [k, sweep] of target.sweeps.entries()) {
      let id = slug('reject', target.pointer, 'pattern', `every printable character outside ${sweep.admits}`);
      if (ids.has(id)) id = slug(id, `class ${k + 1}`);
      ids.add(id);
      const cases = casesOf(model, id, target, sweep, labels);
      if (cases.length === 0) continue;
      families.push({
        id,
        title: `${target.pointer.slice(1)}: pattern ${target.pattern}: each printable ASCII character outside ${sweep.matcher} once (${cases.length}: ${sweep.placed})`,
        kind: 'reject',
        covers: `${target.pointer}#pattern`,
        arbitrary: fc.constantFrom(...cases),
        cases,
      });
    }
  }
  return families;
}

// --- internal ---

/** A string with a @pattern somewhere in the input: `pointer` names list items `*`, `positions` are concrete. */
interface PatternTarget {
  /** The input member it is in (a label or a body member). */
  member: string;
  label: boolean;
  pointer: string;
  positions: string[];
  pattern: string;
  sweeps: ClassSweep[];
}

function patternTargets(model: OperationModel): PatternTarget[] {
  const out: PatternTarget[] = [];
  const visit = (member: string, label: boolean, shapeName: string, pointer: string, positions: string[]) => {
    const shape = model.shape(shapeName);
    switch (shape.type) {
      case 'string':
        if (shape.pattern) out.push({ member, label, pointer, positions, pattern: shape.pattern, sweeps: sweepsFor(shape, label) });
        return;
      case 'list': {
        // The same list positions the random must-reject families break (rejectFamilies.ts).
        const count = listPositions(model, shape);
        const items = positions.flatMap((p) => Array.from({ length: count }, (_, i) => `${p}/${i}`));
        visit(member, label, shape.member, `${pointer}/*`, items);
        return;
      }
      case 'structure':
        for (const [name, m] of Object.entries(shape.members)) if (m.location === undefined) visit(member, label, m.target, `${pointer}/${name}`, positions.map((p) => `${p}/${name}`));
        return;
      default:
        return;
    }
  };
  for (const label of model.labels) visit(label, true, model.input.members[label]!.target, `/${label}`, [`/${label}`]);
  for (const [name, m] of Object.entries(model.bodyMembers)) visit(name, false, m.target, `/${name}`, [`/${name}`]);
  return out;
}

function sweepsFor(shape: StringShape, label: boolean): ClassSweep[] {
  const sweeps = forbiddenCharacters(shape.pattern!, shape.length);
  if (!label) return sweeps;
  // A label travels percent-encoded in the path (src/protocol/buildRequest.ts: every character but
  // A-Z a-z 0-9 - _ . ~, so '/', '?', '#', '%' and ' ' arrive as %2F, %3F, %23, %25, %20) and the server
  // decodes it back (restJson1 @httpLabel), so every printable character reaches the validator as it
  // was. Except a whole label of '.' or '..': URL handling removes such dot-segments from the path
  // (RFC 3986 section 5.2.4) before any server sees the label, so the request goes to another route.
  return sweeps.map((s) => ({ ...s, cases: s.cases.filter((c) => c.value !== '.' && c.value !== '..') }));
}

/**
 * One case per character, each in its own valid request (bodies drawn once from a fixed seed, so the
 * cases are the same on every run). A list item's characters go to the list positions in turn, so each
 * position is broken and each character is still tried once.
 */
function casesOf(model: OperationModel, family: string, target: PatternTarget, sweep: ClassSweep, labels: Record<string, string>): Case[] {
  const minItems = Math.max(0, ...target.positions.map(listItemsNeeded));
  const bodies = target.label
    ? validBody(model)
    : validBody(model, { presence: 'all', limits: { [target.member]: { ...documentedLimits(model, target.member), ...(minItems > 0 ? { minItems } : {}) } } });
  const drawn = fc.sample(bodies, { seed: seedOf(family), numRuns: sweep.cases.length });
  return sweep.cases.map((c, i) => {
    const at = target.positions[i % target.positions.length]!;
    const step: RequestCase = {
      kind: 'reject',
      labels: target.label ? { ...labels, [target.member]: c.value } : labels,
      body: target.label ? drawn[i] : setAt(drawn[i], at, c.value),
      violation: { member: at, constraint: 'pattern', how: c.how },
    };
    return { family, steps: [step] };
  });
}

/** The number of items a list must have for `pointer` (…/List/i/…) to exist. */
function listItemsNeeded(pointer: string): number {
  const index = pointer.split('/').find((k) => /^\d+$/.test(k));
  return index === undefined ? 0 : Number(index) + 1;
}

/** A stable 32-bit seed from the family id (FNV-1a), so each family draws its own bodies, the same every run. */
function seedOf(id: string): number {
  let h = 0x811c9dc5;
  for (const ch of id) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h | 0;
}
