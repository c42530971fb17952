import type { Case } from '../generators/index.ts';
import { expectationOf, type CaseRun, type Exchange } from '../checks/index.ts';
import { buildCleanupRequest, buildRequest, createdSessionId, isTransportFailure } from '../src/protocol/index.ts';
import { createSdkSender, type SdkSender } from '../src/sdk/index.ts';
import type { OperationModel } from '../src/spec/index.ts';
import type { Transport } from './createTransport.ts';
import { runLimits } from './runLimits.ts';
import { recordCreated, recordDeleted } from './sessionJournal.ts';
import type { RunOptions } from './types.ts';

/**
 * Sends a case's requests in order, then deletes every session any of them created (real proxy-number
 * pools are small, and a must-reject case that was wrongly accepted created one too). Sessions of one
 * case stay open together until its last step, so cross-session invariants see them side by side.
 */
export async function executeCase(model: OperationModel, options: RunOptions, transport: Transport, testCase: Case): Promise<CaseRun> {
  const exchanges: Exchange[] = [];
  // sdk-parses: sessions the SDK's copies of the steps created and that are not deleted yet.
  const sdkOpen: Record<string, string>[] = [];
  // Room for every step's create at once: a case runs whole or not at all (its SDK copies, which are
  // deleted at once and judged only when sent, take their own room).
  const limits = runLimits(options);
  const claim = limits.claimSessions(testCase.steps.length);
  if (!claim) return { case: testCase, exchanges, incomplete: limits.exhausted ?? 'the session budget is spent' };
  try {
    for (const step of testCase.steps) {
      // Past the run's deadline no new request goes out; the case is incomplete and counts as not run.
      if (Date.now() > options.deadline) return { case: testCase, exchanges, incomplete: 'the run deadline passed before every case was sent' };
      const request = buildRequest(model, options.endpoint, step);
      const sentAt = Date.now();
      // A request never outlives the deadline. If the deadline, not --timeout, cut it short, that says
      // nothing about the endpoint: the case is incomplete rather than a transport failure.
      const left = options.deadline - sentAt;
      const cut = left < options.timeoutMs;
      const result = await transport.send(request, { creates: true, claim, ...(step.auth ? { auth: step.auth } : {}), ...(cut ? { timeoutMs: Math.max(1, left) } : {}) });
      const receivedAt = Date.now();
      // A spent budget sends nothing: the case did not run (the run says why), it did not fail.
      if ('kind' in result && result.kind === 'not-sent') return { case: testCase, exchanges, incomplete: result.message };
      if (cut && isTransportFailure(result) && result.kind === 'timeout') return { case: testCase, exchanges, incomplete: 'the run deadline passed before every case was sent' };
      exchanges.push(isTransportFailure(result) ? { step, request, failure: result, sentAt, receivedAt } : { step, request, response: result, sentAt, receivedAt });
      const created = createdSessionLabels(exchanges.at(-1)!);
      if (created) recordCreated(options.journalFile, { endpoint: options.endpoint, labels: created });
      // sdk-parses: the same request again through the official SDK (see viaSdk below).
      if (options.sdk !== false && sdkEligible(model, exchanges.at(-1)!, transport, testCase.family)) await viaSdk(model, options, transport, exchanges.at(-1)!, sdkOpen);
    }
  } finally {
    limits.releaseClaim(claim);
    // Cleanup always gets its own full timeout, even past the deadline: leaving sessions behind is worse.
    await Promise.all([...exchanges.map((ex) => cleanup(model, options, transport, ex)), ...sdkOpen.map((labels) => deleteSdkSession(model, options, transport, labels))]);
  }
  return { case: testCase, exchanges };
}

async function cleanup(model: OperationModel, options: RunOptions, transport: Transport, ex: Exchange): Promise<void> {
  const labels = createdSessionLabels(ex);
  if (!labels) return;
  const result = await transport.send(buildCleanupRequest(model, options.endpoint, labels), { cleanup: true });
  // Deleted, or already gone: either way nothing is left open (spec /cleanup; 404 NotFoundException).
  if ('status' in result && ((result.status >= 200 && result.status < 300) || result.status === 404)) {
    ex.deletedAt = Date.now();
    recordDeleted(options.journalFile, { endpoint: options.endpoint, labels });
  }
}

/** The cleanup labels of the session a 2xx create answer names (its connector and ProxySessionId). */
function createdSessionLabels(ex: Exchange): Record<string, string> | undefined {
  const id = createdSessionId(ex.response ?? ex.failure);
  return id === undefined ? undefined : { ...ex.step.labels, ProxySessionId: id };
}

// ---- sdk-parses: the official SDK in the loop (src/sdk, checks/sdkParses.ts) ----------------------

/** One SDK client per suite run, i.e. per transport; its requests go through that transport. */
const sdkSenders = new WeakMap<Transport, SdkSender>();

/**
 * The steps sdk-parses judges, and only those: a JSON-object body, and either a must-accept step the
 * endpoint answered 2xx or (once per family) a step expecting a named error that got the expected status. Any other raw
 * answer is status-code's to report; sending it again would only cost time (and maybe a session).
 */
function sdkEligible(model: OperationModel, ex: Exchange, transport: Transport, family: string): boolean {
  const { step, response } = ex;
  if (!response || step.rawBody !== undefined || !step.body || typeof step.body !== 'object' || Array.isArray(step.body)) return false;
  if (step.kind === 'accept') return response.status >= 200 && response.status <= 299;
  const expected = expectationOf(model, step);
  if (expected.kind !== 'error' || expected.error === undefined || response.status !== expected.status) return false;
  // Which exception class an error name maps to does not depend on the body: one probe per family shows
  // it, and keeps the SDK (about 1 ms of CPU a call) from tripling the cost of the rejection suite.
  let probed = sdkErrorProbes.get(transport);
  if (!probed) sdkErrorProbes.set(transport, (probed = new Set()));
  if (probed.has(family)) return false;
  probed.add(family);
  return true;
}

/** Families whose expected error has already been sent through the SDK, per suite run. */
const sdkErrorProbes = new WeakMap<Transport, Set<string>>();

/**
 * Sends the exchange's step through @aws-sdk/client-chime-sdk-voice, over the suite transport (budgets,
 * rate limit, throttling retries, timeouts), and keeps what the SDK made of the answer on `ex.sdk`. A
 * session it created is journalled and deleted at once, so it never stands beside the case's own sessions;
 * one whose delete failed stays in `open` for the case's final cleanup.
 */
async function viaSdk(model: OperationModel, options: RunOptions, transport: Transport, ex: Exchange, open: Record<string, string>[]): Promise<void> {
  const left = options.deadline - Date.now();
  if (left <= 0) return;
  const cut = left < options.timeoutMs;
  let sender = sdkSenders.get(transport);
  if (!sender) sdkSenders.set(transport, (sender = createSdkSender(model, options, (request, o) => transport.send(request, { creates: true, optional: true, ...o }))));
  const outcome = await sender.send(ex.step, cut ? { timeoutMs: Math.max(1, left) } : {});
  // Nothing sent (a budget is spent), or the deadline rather than --timeout cut it short: no verdict.
  if (outcome && !(cut && outcome.kind === 'failure' && outcome.transport === 'timeout')) ex.sdk = outcome;
  if (!outcome?.createdSessionId) return;
  const labels = { ...ex.step.labels, ProxySessionId: outcome.createdSessionId };
  recordCreated(options.journalFile, { endpoint: options.endpoint, labels });
  if (!(await deleteSdkSession(model, options, transport, labels))) open.push(labels);
}

async function deleteSdkSession(model: OperationModel, options: RunOptions, transport: Transport, labels: Record<string, string>): Promise<boolean> {
  const result = await transport.send(buildCleanupRequest(model, options.endpoint, labels), { cleanup: true });
  const gone = 'status' in result && ((result.status >= 200 && result.status < 300) || result.status === 404);
  if (gone) recordDeleted(options.journalFile, { endpoint: options.endpoint, labels });
  return gone;
}
