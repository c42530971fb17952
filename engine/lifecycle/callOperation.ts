import type { CaseKind, Violation } from '../../generators/index.ts';
import { judgeCall, type CheckFailure, type Exchange } from '../../checks/index.ts';
import { buildRequest, createdSessionId, isTransportFailure } from '../../src/protocol/index.ts';
import type { OperationModel } from '../../src/spec/index.ts';
import { recordCreated } from '../sessionJournal.ts';
import { SequenceStopped } from './SequenceStopped.ts';
import type { RecordedCall, SequenceRun } from './types.ts';

export interface CallSpec {
  operation: OperationModel;
  title: string;
  labels: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** What the call expects, as a case's request does (checks/expectationOf.ts derives the status and error). */
  kind: CaseKind;
  /** For kind `reject`: the one constraint the call breaks. */
  violation?: Violation;
  /** For kind `unspecified`: why the outcome is open. */
  unspecified?: string;
  /** A create: it needs room in the session budget, and a session it makes is journalled at once. */
  creates?: boolean;
}

/**
 * Sends one lifecycle call through the run's transport (signing, budgets, rate, throttling retries),
 * records it in the run, journals a session it created before anything else (so cleanup finds it whatever
 * the checks say), and judges it with every per-call check, exactly as a case's request is judged
 * (judgeCall). Throws SequenceStopped when a budget is spent or the deadline passed: then the call says
 * nothing about the endpoint.
 */
export async function callOperation(run: SequenceRun, spec: CallSpec): Promise<{ call: Exchange; step: number; failures: CheckFailure[] }> {
  const { options, transport, stats, model, checks } = run.runtime;
  const sentAt = Date.now();
  if (sentAt > options.deadline) throw new SequenceStopped('deadline', 'the run deadline passed before every lifecycle sequence was sent');
  const input = { labels: spec.labels, ...(spec.query ? { query: spec.query } : {}), ...(spec.body !== undefined ? { body: spec.body } : {}) };
  const request = buildRequest(spec.operation, options.endpoint, input);
  // A request never outlives the deadline; if the deadline, not --timeout, cut it short, it proves nothing.
  const left = options.deadline - sentAt;
  const cut = left < options.timeoutMs;
  const result = await transport.send(request, { ...(spec.creates ? { creates: true, ...(run.claim ? { claim: run.claim } : {}) } : {}), ...(cut ? { timeoutMs: Math.max(1, left) } : {}) });
  if ('kind' in result && result.kind === 'not-sent') throw new SequenceStopped('budget', result.message);
  if (cut && isTransportFailure(result) && result.kind === 'timeout') throw new SequenceStopped('deadline', 'the run deadline passed before every lifecycle sequence was sent');
  const receivedAt = Date.now();
  const answer = isTransportFailure(result) ? { failure: result } : { response: result };
  if (spec.creates) {
    const id = createdSessionId(result);
    if (id !== undefined) {
      const labels = { ...spec.labels, ProxySessionId: id };
      recordCreated(options.journalFile, { endpoint: options.endpoint, labels });
      run.created.set(id, { labels, gone: false });
    }
  }
  if (run.counted) stats.latencies.push(answer.response?.elapsedMs ?? answer.failure?.elapsedMs ?? 0);
  const step = {
    kind: spec.kind,
    operation: spec.operation.name,
    ...input,
    ...(spec.violation ? { violation: spec.violation } : {}),
    ...(spec.unspecified ? { unspecified: spec.unspecified } : {}),
  };
  const call: Exchange = { step, request, ...answer, sentAt, receivedAt };
  run.calls.push({ title: spec.title, operation: spec.operation.name, request, ...answer } satisfies RecordedCall);
  const at = run.calls.length - 1;
  const judged = judgeCall(checks, model, call, options.strict);
  for (const id of judged.looked) run.looked.add(id);
  return { call, step: at, failures: judged.failures.map((f) => ({ ...f, step: at })) };
}
