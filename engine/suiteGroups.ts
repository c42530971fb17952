import { acceptFamilies, authFamilies, crossSessionFamilies, rejectFamilies, unknownConnectorFamilies, unspecifiedFamilies } from '../generators/index.ts';
import { lifecycleRunner } from './lifecycle/lifecycleRunner.ts';
import type { SuiteGroup } from './types.ts';

/** The suites, one vitest file each (suites/<id>.suite.ts), in report order. */
export const suiteGroups: readonly SuiteGroup[] = [
  { id: 'acceptance', title: 'must accept: valid, documented requests', familyPrefix: 'accept.', families: acceptFamilies },
  { id: 'rejection', title: 'must reject: requests that break exactly one constraint', familyPrefix: 'reject.', families: rejectFamilies },
  { id: 'unknown-connector', title: 'unknown voice connector', familyPrefix: 'unknown-connector.', families: unknownConnectorFamilies },
  { id: 'unspecified', title: 'unspecified: model-valid, undocumented requests', familyPrefix: 'unspecified.', families: unspecifiedFamilies },
  { id: 'cross-session', title: 'cross-session invariants', familyPrefix: 'cross-session.', families: crossSessionFamilies },
  // Sequences of calls judged against a model: no independent request cases, so it brings its own runner.
  { id: 'lifecycle', title: 'lifecycle: sequences of calls against a model', familyPrefix: 'lifecycle.', families: () => [], runner: lifecycleRunner },
  { id: 'auth', title: 'SigV4: unsigned, wrongly signed and stale requests are refused', familyPrefix: 'auth.', families: authFamilies, optIn: true },
];
