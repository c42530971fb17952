import type { OperationModel } from '../src/spec/index.ts';
import type { CaseRun, Check, CheckFailure, CheckState, Exchange } from './types.ts';

/**
 * Every per-call check on a case's calls: the same checks, written once, judge the requests of every suite
 * (checksFor); each applies where its operation makes it meaningful (the per-session invariants only to a
 * create's answer, sdk-parses only where the SDK was sent the call). Returns the checks that had something
 * to judge and what they found.
 */
export function judgeCase(checks: readonly Check[], model: OperationModel, run: CaseRun, strict: boolean, state: CheckState = { seenSessionIds: new Map() }): { looked: Set<string>; failures: CheckFailure[] } {
  const ctx = { model, run, state, options: { strict } };
  const looked = new Set<string>();
  const failures: CheckFailure[] = [];
  for (const check of checks) {
    if (!check.applies(ctx)) continue;
    looked.add(check.id);
    failures.push(...check.run(ctx));
  }
  return { looked, failures };
}

/** One call of a lifecycle sequence, judged as a case of one request is (judgeCase); failures are at step 0. */
export function judgeCall(checks: readonly Check[], model: OperationModel, exchange: Exchange, strict: boolean): { looked: Set<string>; failures: CheckFailure[] } {
  return judgeCase(checks, model, { case: { family: '', steps: [exchange.step] }, exchanges: [exchange] }, strict);
}
