import { runLimits } from './runLimits.ts';
import type { RunOptions } from './types.ts';

/**
 * Tells the run's limits that suite `id` starts, so it gets its share of the session budget: what is
 * left, divided by the suites still to run (RunOptions.suiteOrder, set by the CLI). Without an order (the
 * project's own tests, the bench) the suite may use all that is left.
 */
export function beginSuite(options: RunOptions, id: string): void {
  const at = options.suiteOrder?.indexOf(id) ?? -1;
  runLimits(options).beginSuite(at < 0 ? 1 : options.suiteOrder!.length - at);
}
