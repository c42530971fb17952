export type { Check, CheckContext, CheckInfo, CheckFailure, CheckOptions, CheckState, CaseRun, Concern, Exchange } from './types.ts';
export type { RunReport, SuiteSummary, CheckSummary, FailureRecord, SequenceStep } from '../src/model/report.ts';
export { allChecks, checksFor } from './checksFor.ts';
export { expectationOf, operationOf, type Expectation } from './expectationOf.ts';
export { judgeCall, judgeCase } from './judgeCall.ts';
export { forgetEndedBefore } from './invariants.ts';
export {
  lifecycleChecks,
  participantNumbers,
  sessionOfAnswer,
  readAfterCreate,
  updateReflected,
  listComplete,
  pageSizeRespected,
  paginationEnds,
  deleteThenNotFound,
  sessionIdNeverReused,
  distinctProxyNumbersAmong,
  expiryClosesSession,
  expiredListed,
  stickyNumbers,
  geoMatch,
  defaultExpiry,
  type Finding,
  type ParticipantNumbers,
  type TrackedSession,
} from './lifecycle/index.ts';
