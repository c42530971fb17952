import { DEFAULT_VOICE_CONNECTOR_ID } from '../emulator/index.ts';
import { echoed, UsageError } from '../src/errors.ts';
import type { OperationModel } from '../src/spec/index.ts';
import { familyMatcher, isFamilyGlob } from '../engine/familyPattern.ts';
import { suiteGroups } from '../engine/suiteGroups.ts';

type Group = (typeof suiteGroups)[number];

/** Near ids a --family that matches nothing is answered with. */
const NEAR_IDS = 5;

/**
 * The suites a run executes: --suite as given (each checked), or all of them; with --family (an id or a
 * glob, engine/familyPattern.ts), only the suites that hold a matching family. A --family that matches no
 * family is a usage error naming a few near ids: otherwise every suite would filter its cases down to none
 * and a typo in a replay line would "pass" having sent nothing.
 */
export function selectSuites(model: OperationModel, suites: string[] | undefined, family: string | undefined, checks: string[] = []): string[] {
  const eligible = eligibleSuites(suites, family, checks);
  if (family === undefined) return eligible.map((g) => g.id);
  const match = familyMatcher(family);
  const holding = eligible.filter((g) => familyIds(model, g).some(match));
  if (holding.length === 0) {
    const where = suites === undefined ? 'any suite' : `suite ${suites.join(', ')}`;
    const near = nearIds(family, eligible.flatMap((g) => familyIds(model, g)));
    const what = isFamilyGlob(family) ? 'matches no case family of' : 'is not a case family of';
    throw new UsageError(`--family "${echoed(family)}" ${what} ${where}${near.length > 0 ? `; near ids: ${near.join(', ')}` : ''}. Copy --family from a failure in a report, or give a glob such as 'reject.Name.*'`);
  }
  return holding.map((g) => g.id);
}

/**
 * What --family selected for the report: the matching families of the suites the run executes, and every
 * other family the same run would have run without --family (so the report says what it left out).
 */
export function familySelection(model: OperationModel, suites: string[] | undefined, family: string, checks: string[] = []): { pattern: string; selected: string[]; notSelected: string[] } {
  const match = familyMatcher(family);
  const running = new Set(selectSuites(model, suites, family, checks));
  const without = new Set(selectSuites(model, suites, undefined, checks));
  const all = suiteGroups.filter((g) => running.has(g.id) || without.has(g.id)).flatMap((g) => familyIds(model, g).map((id) => ({ id, runs: running.has(g.id) && match(id) })));
  return { pattern: family, selected: all.filter((f) => f.runs).map((f) => f.id), notSelected: all.filter((f) => !f.runs).map((f) => f.id) };
}

// --- internal ---

/** --suite as given, else every suite but the opt-in ones that nothing names. */
function eligibleSuites(suites: string[] | undefined, family: string | undefined, checks: string[]): Group[] {
  for (const s of suites ?? []) {
    if (!suiteGroups.some((g) => g.id === s)) throw new UsageError(`--suite "${echoed(s)}" is not a suite; the suites are ${suiteGroups.map((g) => g.id).join(', ')}`);
  }
  // Opt-in suites (auth) run only when named: they need an endpoint that checks signatures. A --family
  // that starts with their prefix names them too, so a replay line of an auth failure needs no --checks
  // auth; a glob such as `*` does not, since it names no suite in particular.
  const named = (g: Group) => checks.includes(g.id) || (family !== undefined && family.startsWith(g.familyPrefix));
  return suiteGroups.filter((g) => (suites === undefined ? !g.optIn || named(g) : suites.includes(g.id) || checks.includes(g.id)));
}

/** Every family id of a suite. Family ids do not depend on the connector, so any connector id builds the same list. */
function familyIds(model: OperationModel, g: Group): string[] {
  return [...g.families(model, { voiceConnectorId: DEFAULT_VOICE_CONNECTOR_ID }).map((f) => f.id), ...(g.runner?.familyIds(model) ?? [])];
}

/**
 * The ids most like what was typed: the pattern's longest literal run (what is between its wildcards) is
 * compared, ignoring case, with the stretches of each id that start where a word does (the id's start, or
 * after `.` or `-`) and are about as long; the fewest edits come first, ties in suite order. About one edit
 * in four is a typo (`reject.Nmae.*` finds the `reject.Name.…` families, `accept.Random` finds
 * accept.random); further is another id, and none is named.
 */
function nearIds(pattern: string, ids: readonly string[]): string[] {
  const literal = pattern.split(/[*?]+/).reduce((a, b) => (b.length > a.length ? b : a), '').toLowerCase();
  if (literal === '') return [];
  const limit = Math.max(1, Math.floor(literal.length / 4));
  const scored = ids.map((id, order) => ({ id, order, distance: nearestStretch(literal, id.toLowerCase()) }));
  scored.sort((a, b) => a.distance - b.distance || a.order - b.order);
  return scored.filter((s) => s.distance <= limit).slice(0, NEAR_IDS).map((s) => s.id);
}

/** Least edits between `literal` and a stretch of `id` that starts a word and is one shorter to one longer than it. */
function nearestStretch(literal: string, id: string): number {
  let best = Infinity;
  for (let at = 0; at < id.length && best > 0; at++) {
    if (at > 0 && id[at - 1] !== '.' && id[at - 1] !== '-') continue;
    for (const length of [literal.length - 1, literal.length, literal.length + 1]) {
      if (length > 0 && at + length <= id.length) best = Math.min(best, editDistance(literal, id.slice(at, at + length)));
    }
  }
  return best;
}

/** Edits between two strings (optimal string alignment): an insertion, deletion, substitution or swap of neighbours is one. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
