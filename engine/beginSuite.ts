import type { RunContext } from './runContext.ts';

/**
 * Tells the run's limits that suite `id` starts, so it gets its share of the session budget: what is
 * left, divided by the suites still to run (RunOptions.suiteOrder). Without an order (a single suite run
 * on its own) the suite may use all that is left.
 */
export function beginSuite({ options, limits }: RunContext, id: string): void {
  const at = options.suiteOrder?.indexOf(id) ?? -1;
  limits.beginSuite(at < 0 ? 1 : options.suiteOrder!.length - at);
}
