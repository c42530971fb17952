import type { OperationModel } from '../src/spec/index.ts';
import type { Check, CheckFailure, CheckState, Exchange } from './types.ts';

/**
 * Every per-call check on one call, as a case of one request: the same checks, written once, that judge the
 * requests of every suite (checksFor). A call of a sequence is judged here exactly as a case's request is;
 * each check applies where its operation makes it meaningful (the per-session invariants only to a create's
 * answer, sdk-parses only where the SDK was sent the call). Returns the checks that had something to judge
 * and what they found, at step 0.
 */
export function judgeCall(checks: readonly Check[], model: OperationModel, exchange: Exchange, strict: boolean, state: CheckState = { seenSessionIds: new Map() }): { looked: string[]; failures: CheckFailure[] } {
  const ctx = { model, run: { case: { family: '', steps: [exchange.step] }, exchanges: [exchange] }, state, options: { strict } };
  const looked: string[] = [];
  const failures: CheckFailure[] = [];
  for (const check of checks) {
    if (!check.applies(ctx)) continue;
    looked.push(check.id);
    failures.push(...check.run(ctx));
  }
  return { looked, failures };
}
