import { lifecycleFamilies } from '../../generators/index.ts';
import { lifecycleChecks } from '../../checks/index.ts';
import type { SuiteRunner } from '../types.ts';
import { MAX_COMMANDS, runLifecycle } from './runLifecycle.ts';

/** The lifecycle suite as a suite group runs it (engine/suiteGroups.ts): its families, its checks, its runner. */
export const lifecycleRunner: SuiteRunner = {
  familyIds: (model) => lifecycleFamilies(model, { maxCommands: MAX_COMMANDS }).map((f) => f.id),
  checks: (model, options) => lifecycleChecks(model, options),
  run: runLifecycle,
};
