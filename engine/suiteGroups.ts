import { acceptFamilies, authFamilies, connectorFamilies, crossSessionFamilies, malformedHttpFamilies, operationFamilies, rejectFamilies, unknownConnectorFamilies, unspecifiedFamilies } from '../generators/index.ts';
import { lifecycleRunner } from './lifecycle/lifecycleRunner.ts';
import type { CaseFamily, FamilyContext } from '../generators/index.ts';
import type { OperationModel } from '../src/spec/index.ts';
import type { SuiteGroup } from './types.ts';

/**
 * A suite's families, derived once per model and connector id for the life of the process: deriving them
 * samples candidate strategies (generators/constraints/pattern.ts) and lists every deterministic case,
 * about 150 ms for every suite together, which a process that runs several runs (the library, the
 * project's tests, the bench) would otherwise pay each time. Their listed cases are frozen, so a run that
 * changed one would fail at once instead of changing the next run's cases.
 */
function derivedOnce(derive: (model: OperationModel, ctx: FamilyContext) => CaseFamily[]): (model: OperationModel, ctx: FamilyContext) => CaseFamily[] {
  const memo = new WeakMap<OperationModel, Map<string, CaseFamily[]>>();
  return (model, ctx) => {
    let byConnector = memo.get(model);
    if (!byConnector) memo.set(model, (byConnector = new Map()));
    let families = byConnector.get(ctx.voiceConnectorId);
    if (!families) {
      families = derive(model, ctx);
      Object.freeze(families);
      for (const family of families) if (family.cases) deepFreeze(family.cases);
      byConnector.set(ctx.voiceConnectorId, families);
    }
    return families;
  };
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
}

/** The suites, in report order (the vitest harness has a file for each: suites/<id>.suite.ts). */
export const suiteGroups: readonly SuiteGroup[] = [
  // The conformance target's families, then those of every other operation any run may call
  // (operationFamilies.ts), then those of the operations that change a connector, which run only when the
  // run may make connectors of its own (connectorFamilies.ts; otherwise they are reported as not run).
  {
    id: 'acceptance',
    title: 'must accept: valid, documented requests',
    familyPrefix: 'accept.',
    families: derivedOnce((model, ctx) => [...acceptFamilies(model, ctx), ...operationFamilies(model, ctx, 'accept'), ...connectorFamilies(model, ctx, 'accept')]),
  },
  {
    id: 'rejection',
    title: 'must reject: requests that break exactly one constraint',
    familyPrefix: 'reject.',
    families: derivedOnce((model, ctx) => [...rejectFamilies(model, ctx), ...malformedHttpFamilies(model, ctx, 'reject'), ...operationFamilies(model, ctx, 'reject'), ...connectorFamilies(model, ctx, 'reject')]),
  },
  { id: 'unknown-connector', title: 'unknown voice connector', familyPrefix: 'unknown-connector.', families: derivedOnce(unknownConnectorFamilies) },
  {
    id: 'unspecified',
    title: 'unspecified: model-valid but undocumented requests, and requests no operation binds',
    familyPrefix: 'unspecified.',
    families: derivedOnce((model, ctx) => [...unspecifiedFamilies(model, ctx), ...malformedHttpFamilies(model, ctx, 'unspecified'), ...operationFamilies(model, ctx, 'unspecified'), ...connectorFamilies(model, ctx, 'unspecified')]),
  },
  { id: 'cross-session', title: 'cross-session invariants', familyPrefix: 'cross-session.', families: derivedOnce(crossSessionFamilies) },
  // Sequences of calls judged against a model: no independent request cases, so it brings its own runner.
  { id: 'lifecycle', title: 'lifecycle: sequences of calls against a model', familyPrefix: 'lifecycle.', families: () => [], runner: lifecycleRunner },
  { id: 'auth', title: 'SigV4: unsigned, wrongly signed and stale requests are refused', familyPrefix: 'auth.', families: derivedOnce(authFamilies), optIn: true },
];
