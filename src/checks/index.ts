export type { Check, CheckContext, CheckFailure, CheckOptions, CheckState, CaseRun, Concern, Exchange } from './types.ts';
export type { RunReport, SuiteSummary, CheckSummary, FailureRecord, SequenceStep } from './report.ts';
export { allChecks, checksFor } from './checksFor.ts';
export { expectationOf, type Expectation } from './expectationOf.ts';
