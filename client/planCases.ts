import fc from 'fast-check';
import { familySeed } from '../engine/familySeed.ts';
import {
  acceptFamilies,
  forbiddenCharacterFamilies,
  operationFamilies,
  rejectFamilies,
  unknownConnectorFamilies,
  type CaseFamily,
  type RequestCase,
} from '../generators/index.ts';
import type { OperationModel } from '../src/spec/index.ts';
import { clientsOf, PLAIN, scenarios, type Scenario } from './scenarios.ts';
import { sdkInput } from './sdkInput.ts';
import type { ClientCase } from './types.ts';

export interface PlanOptions {
  seed: number;
  /** Cases per family in the plain scenario (a deterministic family gives at most this many of its own, spread over it). */
  runs: number;
  /** The connector every generated input names. */
  voiceConnectorId: string;
  /** The connector that holds the listing of the pages scenario. */
  pagesConnectorId: string;
  /** Only these scenarios (all when empty). */
  scenarios?: readonly string[];
  /** Only the case with this id. */
  caseId?: string;
}

/**
 * The cases of a client run, all from the spec through the generators: in the plain scenario every
 * must-accept and must-reject family whose input an SDK call can carry (generators/: every operation a run
 * may call, every constraint, the unknown-connector family); in every other scenario one random valid input
 * of each operation it runs with. Each family draws its cases from its own seed (engine/familySeed.ts),
 * so `--seed S --case ID` makes exactly the same case again.
 */
export function planCases(model: OperationModel, options: PlanOptions): ClientCase[] {
  const all = scenarios(model).filter((s) => !options.scenarios?.length || options.scenarios.includes(s.id));
  const ctx = { voiceConnectorId: options.voiceConnectorId };
  // The other scenarios need only the random valid families: building every family takes seconds.
  const families = all.some((s) => s.id === PLAIN) ? generatorFamilies(model, ctx) : [...acceptFamilies(model, ctx), ...operationFamilies(model, ctx, 'accept')];
  const cases = all.flatMap((scenario) => (scenario.id === PLAIN ? plainCases(model, families, options) : scenarioCases(model, scenario, families, options)));
  return options.caseId === undefined ? cases : cases.filter((c) => c.id === options.caseId);
}

/** Every scenario id, for --scenario. */
export function scenarioIds(model: OperationModel): string[] {
  return scenarios(model).map((s) => s.id);
}

// --- internal ---

function generatorFamilies(model: OperationModel, ctx: { voiceConnectorId: string }): CaseFamily[] {
  return [
    ...acceptFamilies(model, ctx),
    ...rejectFamilies(model, ctx),
    ...forbiddenCharacterFamilies(model, ctx),
    ...unknownConnectorFamilies(model, ctx),
    ...operationFamilies(model, ctx, 'accept'),
    ...operationFamilies(model, ctx, 'reject'),
  ];
}

function plainCases(model: OperationModel, families: CaseFamily[], options: PlanOptions): ClientCase[] {
  return families.flatMap((family) =>
    samples(family, familySeed(options.seed, family.id), options.runs).flatMap(({ value, index }) => {
      const c = clientCase(model, PLAIN, family, value.steps.at(-1)!, index);
      return c ? [c] : [];
    }),
  );
}

/**
 * One case per operation of the scenario: the operation's random valid family (`accept.random`, or
 * `accept.<Operation>.random`) drawn with a seed of the scenario's own. The listing of the pages and
 * unknown-members scenarios is the pages connector's, a page at a time (spec /clients/scenarios/pages).
 */
function scenarioCases(model: OperationModel, scenario: Scenario, families: CaseFamily[], options: PlanOptions): ClientCase[] {
  const { pageSize } = clientsOf(model).scenarios.pages;
  return scenario.operations.flatMap((operation) => {
    const op = model.operation(operation);
    if (op.paging) {
      const input = { ...Object.fromEntries(op.labels.map((l) => [l, options.pagesConnectorId])), [op.paging.pageSize]: pageSize };
      const family = `${scenario.id}.${operation}`;
      return [{ id: `${scenario.id}/${family}/0`, scenario: scenario.id, family, title: `${operation} of the pages connector, ${pageSize} a page: ${scenario.title}`, kind: 'accept' as const, varies: false, operation, input, ...(scenario.paginate ? { paginate: true } : {}) }];
    }
    const id = operation === model.name ? 'accept.random' : `accept.${operation}.random`;
    const family = families.find((f) => f.id === id);
    if (!family) throw new Error(`no family ${id} for scenario ${scenario.id}`);
    const [sample] = samples(family, familySeed(options.seed, `${scenario.id}:${family.id}`), 1);
    const c = sample && clientCase(model, scenario.id, family, sample.value.steps.at(-1)!, 0);
    return c ? [{ ...c, title: `${operation}, ${family.title}: ${scenario.title}` }] : [];
  });
}

/** `runs` cases of a family: drawn from its seed, or spread evenly over a deterministic family's own. */
function samples(family: CaseFamily, seed: number, runs: number): { value: import('../generators/index.ts').Case; index: number }[] {
  if (family.cases) {
    const n = family.cases.length;
    const picks = [...new Set(Array.from({ length: Math.min(runs, n) }, (_, k) => Math.floor((k * n) / Math.min(runs, n))))];
    return picks.map((index) => ({ value: family.cases![index]!, index }));
  }
  return fc.sample(family.arbitrary, { seed, numRuns: runs }).map((value, index) => ({ value, index }));
}

function clientCase(model: OperationModel, scenario: string, family: CaseFamily, step: RequestCase, index: number): ClientCase | undefined {
  if (step.kind === 'unspecified' || step.kind === 'malformed-http' || step.kind === 'unauthenticated' || step.kind === 'deleted-session') return undefined;
  const operation = step.operation ?? model.name;
  const input = sdkInput(model.operation(operation), step);
  if (!input) return undefined;
  return {
    id: `${scenario}/${family.id}/${index}`,
    scenario,
    family: family.id,
    title: family.title,
    ...(family.covers ? { covers: family.covers } : {}),
    kind: step.kind,
    varies: family.cases === undefined,
    operation,
    input,
    ...(step.sessionFrom ? { sessionLabel: step.sessionFrom.label } : {}),
  };
}

