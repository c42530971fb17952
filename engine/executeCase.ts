import type { Case, RequestCase } from '../generators/index.ts';
import { expectationOf, operationOf, type CaseRun, type Exchange } from '../checks/index.ts';
import type { OperationModel } from '../src/spec/index.ts';
import { buildCleanupRequest, buildRequest, createdSessionId, isTransportFailure } from '../src/protocol/index.ts';
import type { RunContext } from './runContext.ts';
import { connectorMadeBy, makesConnector, settleConnectors } from './caseConnectors.ts';
import { recordCreated, recordDeleted, recordProvisioned } from './sessionJournal.ts';

/**
 * Sends a case's requests in order, then deletes every session any of them created (real proxy-number
 * pools are small, and a must-reject case that was wrongly accepted created one too), and then removes
 * every voice connector they made (caseConnectors.ts). Sessions of one case stay open together until its
 * last step, so cross-session invariants see them side by side. A step may act on a session or a
 * connector an earlier step of the case created (RequestCase.sessionFrom, connectorFrom): the run only
 * ever reads, updates or deletes sessions it made itself. When that create made none, the case ends there
 * (the create's answer is what the checks judge).
 */
export async function executeCase(context: RunContext, testCase: Case): Promise<CaseRun> {
  const { model, options, transport, limits } = context;
  const exchanges: Exchange[] = [];
  // sdk-parses: sessions the SDK's copies of the steps created and that are not deleted yet.
  const sdkOpen: Record<string, string>[] = [];
  // sdk-parses: the SDK's copy of the last step when that is a create, still on its way (see below).
  let lastCopy: Promise<void> | undefined;
  // Room for every step's create at once (a session or a voice connector: the session budget bounds both):
  // a case runs whole or not at all (its SDK copies, which are deleted at once and judged only when sent,
  // take their own room).
  const claim = limits.claimSessions(testCase.steps.filter((s) => makesSomething(model, s)).length);
  if (!claim) return { case: testCase, exchanges, incomplete: limits.exhausted ?? 'the session budget is spent' };
  try {
    for (const planned of testCase.steps) {
      // Past the run's deadline no new request goes out; the case is incomplete and counts as not run.
      if (Date.now() > options.deadline) return { case: testCase, exchanges, incomplete: 'the run deadline passed before every case was sent' };
      const step = withCreated(model, planned, exchanges);
      if (!step) break;
      const request = buildRequest(operationOf(model, step), options.endpoint, step);
      const sentAt = Date.now();
      // A request never outlives the deadline. If the deadline, not --timeout, cut it short, that says
      // nothing about the endpoint: the case is incomplete rather than a transport failure. A create is not
      // sent at all then: cut short, it could make a session whose id never arrives, which nothing could delete.
      const left = options.deadline - sentAt;
      const cut = left < options.timeoutMs;
      const creates = makesSomething(model, step);
      if (cut && creates) return { case: testCase, exchanges, incomplete: 'the run deadline passed before every case was sent' };
      const result = await transport.send(request, { creates, claim, until: options.deadline, ...(step.auth ? { auth: step.auth } : {}), ...(cut ? { timeoutMs: Math.max(1, left) } : {}) });
      const receivedAt = Date.now();
      // A spent budget sends nothing: the case did not run (the run says why), it did not fail.
      if ('kind' in result && result.kind === 'not-sent') return { case: testCase, exchanges, incomplete: result.message };
      if (cut && isTransportFailure(result) && result.kind === 'timeout') return { case: testCase, exchanges, incomplete: 'the run deadline passed before every case was sent' };
      exchanges.push(isTransportFailure(result) ? { step, request, failure: result, sentAt, receivedAt } : { step, request, response: result, sentAt, receivedAt });
      const created = createdSessionLabels(model, exchanges.at(-1)!);
      if (created) recordCreated(options.journalFile, { endpoint: options.endpoint, labels: created });
      const connector = connectorMadeBy(model, exchanges.at(-1)!);
      if (connector !== undefined) recordProvisioned(options.journalFile, { endpoint: options.endpoint, voiceConnectorId: connector });
      // sdk-parses: the same request again through the official SDK (see viaSdk below).
      if (options.sdk !== false && sdkEligible(context, exchanges.at(-1)!, testCase.family)) {
        const copy = viaSdk(context, exchanges.at(-1)!, sdkOpen);
        // The copy of a create makes a session of its own and meets nothing of the case's, so when no step
        // follows, the case's cleanup need not wait for it: they go out together (a must-accept case is
        // then three round trips, not four). Any other copy meets the state its step met, so it comes first.
        if (planned === testCase.steps.at(-1) && isCreate(model, planned)) lastCopy = copy;
        else await copy;
      }
    }
  } finally {
    limits.releaseClaim(claim);
    // Cleanup always gets its own full timeout, even past the deadline: leaving sessions behind is worse.
    // The sessions of SDK copies whose delete failed are known once the copies are done.
    const copies = (lastCopy ?? Promise.resolve()).then(() => Promise.all(sdkOpen.map((labels) => deleteSdkSession(context, labels))));
    const settled = await Promise.allSettled([...exchanges.map((ex) => cleanup(context, ex)), copies]);
    // After the sessions: a connector that still has sessions may be refused.
    await settleConnectors(context, exchanges);
    // A tool error (the SDK's thread failed, say) ends the case once everything is cleaned up.
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
  return { case: testCase, exchanges };
}

async function cleanup({ model, options, transport }: RunContext, ex: Exchange): Promise<void> {
  const labels = createdSessionLabels(model, ex);
  if (!labels) return;
  // The session certainly existed until the delete was sent: session-id-unique takes that as its end, so
  // an id handed on to a new session while the delete's answer was on its way is no clash.
  const sentAt = Date.now();
  const result = await transport.send(buildCleanupRequest(model, options.endpoint, labels), { cleanup: true });
  // Deleted, or already gone: either way nothing is left open (spec /cleanup; 404 NotFoundException).
  if (!isTransportFailure(result) && ((result.status >= 200 && result.status < 300) || result.status === 404)) {
    ex.deletedAt = sentAt;
    recordDeleted(options.journalFile, { endpoint: options.endpoint, labels });
  }
}

/** The cleanup labels of the session a 2xx create answer names (its connector and ProxySessionId). */
function createdSessionLabels(model: OperationModel, ex: Exchange): Record<string, string> | undefined {
  if (!isCreate(model, ex.step)) return undefined;
  const id = createdSessionId(ex.response ?? ex.failure);
  return id === undefined ? undefined : { ...ex.step.labels, ProxySessionId: id };
}

/**
 * A call of the operation that makes sessions (the conformance target, spec /operation, with its own method
 * and path): it needs room in the session budget, and a session its answer names is the run's to delete.
 */
function isCreate(model: OperationModel, step: RequestCase): boolean {
  return operationOf(model, step).name === model.spec.operation.name && step.method === undefined && step.pathSuffix === undefined;
}

/** A step that may make something the run must remove: a session, or a voice connector (caseConnectors.ts). */
function makesSomething(model: OperationModel, step: RequestCase): boolean {
  return isCreate(model, step) || makesConnector(model, step);
}

/**
 * The step with what earlier steps created in its labels: the session (RequestCase.sessionFrom) and the
 * voice connector (RequestCase.connectorFrom). Undefined when such a step made none.
 */
function withCreated(model: OperationModel, step: RequestCase, exchanges: readonly Exchange[]): RequestCase | undefined {
  let labels = step.labels;
  if (step.sessionFrom !== undefined) {
    const id = createdSessionId(exchanges[step.sessionFrom.step]?.response);
    if (id === undefined) return undefined;
    labels = { ...labels, [step.sessionFrom.label]: id };
  }
  if (step.connectorFrom !== undefined) {
    const made = exchanges[step.connectorFrom.step];
    const id = made && connectorMadeBy(model, made);
    if (id === undefined) return undefined;
    labels = { ...labels, [step.connectorFrom.label]: id };
  }
  return labels === step.labels ? step : { ...step, labels };
}

// ---- sdk-parses: the official SDK in the loop (src/sdk, checks/sdkParses.ts) ----------------------

/**
 * The steps sdk-parses judges, and only those: a call that can be replayed (replayable), with a
 * JSON-object body when its operation has body members, and either a must-accept step the endpoint
 * answered 2xx or (once per family) a step expecting a named error that got the expected status. Any other
 * raw answer is status-code's to report; sending it again would only cost time (and maybe a session).
 */
function sdkEligible({ model, sdkProbed }: RunContext, ex: Exchange, family: string): boolean {
  const { step, response } = ex;
  if (!replayable(model, step)) return false;
  const bodyless = Object.keys(operationOf(model, step).bodyMembers).length === 0;
  if (!response || step.rawBody !== undefined || (!bodyless && (!step.body || typeof step.body !== 'object' || Array.isArray(step.body)))) return false;
  if (step.kind === 'accept') return response.status >= 200 && response.status <= 299;
  const expected = expectationOf(model, step);
  if (expected.kind !== 'error' || expected.error === undefined || response.status !== expected.status) return false;
  // Which exception class an error name maps to does not depend on the body: one probe per family shows
  // it, and keeps the SDK (about 1 ms of CPU a call) from tripling the cost of the rejection suite.
  if (sdkProbed.has(family)) return false;
  sdkProbed.add(family);
  return true;
}

/**
 * Whether the SDK may send a step again (its operation's command, src/sdk/sdkCommand.ts), as its operation
 * binds it: a read (GET), which changes nothing, so its copy meets what the step met; or the create, since
 * each create makes a fresh session (the copy's is deleted at once). Any other call changes state and
 * cannot be replayed: its copy would not meet the state the step met (a second Update or Put changes what
 * the first one set, a second Delete finds nothing left, a second CreateVoiceConnector is a second
 * connector), so the SDK would be judged on another exchange than the checks judged. Those are left out.
 */
function replayable(model: OperationModel, step: RequestCase): boolean {
  if (step.method !== undefined || step.pathSuffix !== undefined) return false;
  return isCreate(model, step) || operationOf(model, step).http.method === 'GET';
}

/**
 * Sends the exchange's step through @aws-sdk/client-chime-sdk-voice, over the suite transport (budgets,
 * rate limit, throttling retries, timeouts), and keeps what the SDK made of the answer on `ex.sdk`. A
 * session it created is journalled and deleted at once, so it never stands beside the case's own sessions;
 * one whose delete failed stays in `open` for the case's final cleanup.
 */
async function viaSdk(context: RunContext, ex: Exchange, open: Record<string, string>[]): Promise<void> {
  const { model, options } = context;
  // A create the deadline would cut short is not sent (its session might never be known, see executeCase).
  if (isCreate(model, ex.step) && options.deadline - Date.now() < options.timeoutMs) return;
  const outcome = await context.sdk().send(ex.step, {});
  // Nothing sent (a budget is spent): no verdict.
  if (outcome) ex.sdk = outcome;
  if (!outcome?.createdSessionId) return;
  const labels = { ...ex.step.labels, ProxySessionId: outcome.createdSessionId };
  recordCreated(options.journalFile, { endpoint: options.endpoint, labels });
  if (!(await deleteSdkSession(context, labels))) open.push(labels);
}

async function deleteSdkSession({ model, options, transport }: RunContext, labels: Record<string, string>): Promise<boolean> {
  const result = await transport.send(buildCleanupRequest(model, options.endpoint, labels), { cleanup: true });
  const gone = !isTransportFailure(result) && ((result.status >= 200 && result.status < 300) || result.status === 404);
  if (gone) recordDeleted(options.journalFile, { endpoint: options.endpoint, labels });
  return gone;
}
