import type { Case } from '../../generators/index.ts';
import type { CaseRun, Exchange } from '../../src/checks/index.ts';
import { buildCleanupRequest, buildRequest, isTransportFailure } from '../../src/protocol/index.ts';
import type { OperationModel } from '../../src/spec/index.ts';
import type { Transport } from './createTransport.ts';
import type { RunOptions } from './types.ts';

/**
 * Sends a case's requests in order, then deletes every session any of them created (real proxy-number
 * pools are small, and a must-reject case that was wrongly accepted created one too). Sessions of one
 * case stay open together until its last step, so cross-session invariants see them side by side.
 */
export async function executeCase(model: OperationModel, options: RunOptions, transport: Transport, testCase: Case): Promise<CaseRun> {
  const exchanges: Exchange[] = [];
  try {
    for (const step of testCase.steps) {
      // Past the run's deadline no new request goes out; the case is incomplete and counts as not run.
      if (Date.now() > options.deadline) return { case: testCase, exchanges, incomplete: true };
      const request = buildRequest(model, options.endpoint, step);
      const sentAt = Date.now();
      // A request never outlives the deadline. If the deadline, not --timeout, cut it short, that says
      // nothing about the endpoint: the case is incomplete rather than a transport failure.
      const left = options.deadline - sentAt;
      const cut = left < options.timeoutMs;
      const result = await transport.send(request, cut ? { timeoutMs: Math.max(1, left) } : {});
      const receivedAt = Date.now();
      if (cut && isTransportFailure(result) && result.kind === 'timeout') return { case: testCase, exchanges, incomplete: true };
      exchanges.push(isTransportFailure(result) ? { step, request, failure: result, sentAt, receivedAt } : { step, request, response: result, sentAt, receivedAt });
    }
  } finally {
    // Cleanup always gets its own full timeout, even past the deadline: leaving sessions behind is worse.
    await Promise.all(exchanges.map((ex) => cleanup(model, options, transport, ex)));
  }
  return { case: testCase, exchanges };
}

async function cleanup(model: OperationModel, options: RunOptions, transport: Transport, ex: Exchange): Promise<void> {
  const r = ex.response;
  const id = (r?.json as { ProxySession?: { ProxySessionId?: unknown } } | undefined)?.ProxySession?.ProxySessionId;
  if (!r || r.status < 200 || r.status > 299 || typeof id !== 'string' || id === '') return;
  const labels = { ...ex.step.labels, ProxySessionId: id };
  await transport.send(buildCleanupRequest(model, options.endpoint, labels));
}
