import type { CheckSummary, SuiteSummary } from '../checks/index.ts';
import type { RunOptions } from './types.ts';

/** What the CLI provides to the suites and what the suites attach to their tests for the reporter. */
declare module 'vitest' {
  export interface ProvidedContext {
    conformance: RunOptions;
  }
  export interface TaskMeta {
    conformanceSuite?: SuiteSummary;
    conformanceCheck?: CheckSummary;
  }
}

export {};
