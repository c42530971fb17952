import { acceptFamilies, authFamilies, crossSessionFamilies, rejectFamilies, unknownConnectorFamilies, unspecifiedFamilies } from '../generators/index.ts';
import type { SuiteGroup } from './_engine/types.ts';

/** The suites, one vitest file each (suites/<id>.suite.ts), in report order. */
export const suiteGroups: readonly SuiteGroup[] = [
  { id: 'acceptance', title: 'must accept: valid, documented requests', familyPrefix: 'accept.', families: acceptFamilies },
  { id: 'rejection', title: 'must reject: requests that break exactly one constraint', familyPrefix: 'reject.', families: rejectFamilies },
  { id: 'unknown-connector', title: 'unknown voice connector', familyPrefix: 'unknown-connector.', families: unknownConnectorFamilies },
  { id: 'unspecified', title: 'unspecified: model-valid, undocumented requests', familyPrefix: 'unspecified.', families: unspecifiedFamilies },
  { id: 'cross-session', title: 'cross-session invariants', familyPrefix: 'cross-session.', families: crossSessionFamilies },
  { id: 'auth', title: 'SigV4: unsigned, wrongly signed and stale requests are refused', familyPrefix: 'auth.', families: authFamilies, optIn: true },
];
