import { basename } from 'node:path';
import type { TestSequencer, TestSequencerConstructor, TestSpecification } from 'vitest/node';

/**
 * A vitest sequencer that runs the suite files in the order given (engine/suiteGroups.ts, report order),
 * instead of vitest's own (by cached duration and size). The order matters against a live account: the
 * suites share one session budget (--max-sessions), and the per-request suites run before the lifecycle
 * suite's sequences, which create the most sessions per case and get what is left.
 */
export function suiteOrderSequencer(suites: readonly string[]): TestSequencerConstructor {
  const rank = (spec: TestSpecification) => {
    const index = suites.indexOf(basename(spec.moduleId).replace(/\.suite\.ts$/, ''));
    return index < 0 ? suites.length : index;
  };
  return class implements TestSequencer {
    shard(files: TestSpecification[]): TestSpecification[] {
      return files;
    }
    sort(files: TestSpecification[]): TestSpecification[] {
      return [...files].sort((a, b) => rank(a) - rank(b));
    }
  };
}
