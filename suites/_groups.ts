import { acceptFamilies, crossSessionFamilies, rejectFamilies, unknownConnectorFamilies, unspecifiedFamilies } from '../generators/index.ts';
import type { SuiteGroup } from './_engine/types.ts';

/** The suites, one vitest file each (suites/<id>.suite.ts), in report order. */
export const suiteGroups: readonly SuiteGroup[] = [
  { id: 'acceptance', title: 'must accept: valid, documented requests', families: acceptFamilies },
  { id: 'rejection', title: 'must reject: requests that break exactly one constraint', families: rejectFamilies },
  { id: 'unknown-connector', title: 'unknown voice connector', families: unknownConnectorFamilies },
  { id: 'unspecified', title: 'unspecified: model-valid, undocumented requests', families: unspecifiedFamilies },
  { id: 'cross-session', title: 'cross-session invariants', families: crossSessionFamilies },
];
