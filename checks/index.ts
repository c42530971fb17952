export type { Check, CheckContext, CheckFailure, CheckOptions, CheckState, CaseRun, Concern, Exchange } from './types.ts';
export type { RunReport, SuiteSummary, CheckSummary, FailureRecord, SequenceStep } from '../src/model/report.ts';
export { allChecks, checksFor } from './checksFor.ts';
export { expectationOf, type Expectation } from './expectationOf.ts';
export {
  lifecycleChecks,
  expectedAnswer,
  judgeAnswer,
  participantNumbers,
  sessionOfAnswer,
  readAfterCreate,
  updateReflected,
  listComplete,
  deleteThenNotFound,
  sessionIdNeverReused,
  distinctProxyNumbersAmong,
  expiryClosesSession,
  expiredListed,
  stickyNumbers,
  geoMatch,
  defaultExpiry,
  type ExpectedAnswer,
  type Finding,
  type LifecycleCheck,
  type LifecycleExchange,
  type ParticipantNumbers,
  type TrackedSession,
} from './lifecycle/index.ts';
