import { acceptFamilies, authFamilies, connectorFamilies, crossSessionFamilies, malformedHttpFamilies, operationFamilies, rejectFamilies, unknownConnectorFamilies, unspecifiedFamilies } from '../generators/index.ts';
import { lifecycleRunner } from './lifecycle/lifecycleRunner.ts';
import type { SuiteGroup } from './types.ts';

/** The suites, in report order (the vitest harness has a file for each: suites/<id>.suite.ts). */
export const suiteGroups: readonly SuiteGroup[] = [
  // The conformance target's families, then those of every other operation any run may call
  // (operationFamilies.ts), then those of the operations that change a connector, which run only when the
  // run may make connectors of its own (connectorFamilies.ts; otherwise they are reported as not run).
  {
    id: 'acceptance',
    title: 'must accept: valid, documented requests',
    familyPrefix: 'accept.',
    families: (model, ctx) => [...acceptFamilies(model, ctx), ...operationFamilies(model, ctx, 'accept'), ...connectorFamilies(model, ctx, 'accept')],
  },
  {
    id: 'rejection',
    title: 'must reject: requests that break exactly one constraint',
    familyPrefix: 'reject.',
    families: (model, ctx) => [...rejectFamilies(model, ctx), ...malformedHttpFamilies(model, ctx, 'reject'), ...operationFamilies(model, ctx, 'reject'), ...connectorFamilies(model, ctx, 'reject')],
  },
  { id: 'unknown-connector', title: 'unknown voice connector', familyPrefix: 'unknown-connector.', families: unknownConnectorFamilies },
  {
    id: 'unspecified',
    title: 'unspecified: model-valid but undocumented requests, and requests no operation binds',
    familyPrefix: 'unspecified.',
    families: (model, ctx) => [...unspecifiedFamilies(model, ctx), ...malformedHttpFamilies(model, ctx, 'unspecified'), ...operationFamilies(model, ctx, 'unspecified'), ...connectorFamilies(model, ctx, 'unspecified')],
  },
  { id: 'cross-session', title: 'cross-session invariants', familyPrefix: 'cross-session.', families: crossSessionFamilies },
  // Sequences of calls judged against a model: no independent request cases, so it brings its own runner.
  { id: 'lifecycle', title: 'lifecycle: sequences of calls against a model', familyPrefix: 'lifecycle.', families: () => [], runner: lifecycleRunner },
  { id: 'auth', title: 'SigV4: unsigned, wrongly signed and stale requests are refused', familyPrefix: 'auth.', families: authFamilies, optIn: true },
];
