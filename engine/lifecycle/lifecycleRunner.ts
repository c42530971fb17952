import { lifecycleFamilies } from '../../generators/index.ts';
import type { SuiteRunner } from '../types.ts';
import { MAX_COMMANDS, runLifecycle } from './runLifecycle.ts';

/** The lifecycle suite as a suite group runs it (engine/suiteGroups.ts): its families and its runner. */
export const lifecycleRunner: SuiteRunner = {
  familyIds: (model) => lifecycleFamilies(model, { maxCommands: MAX_COMMANDS }).map((f) => f.id),
  run: runLifecycle,
};
