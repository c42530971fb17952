import type { RunReport } from '../src/model/report.ts';

/** What the harness's global setup (runOnce.ts) hands the suite files: the report of the one run. */
declare module 'vitest' {
  export interface ProvidedContext {
    conformanceReport: RunReport;
  }
}

export {};
