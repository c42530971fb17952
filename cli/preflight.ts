import fc from 'fast-check';
import { validBody } from '../generators/index.ts';
import { ConformanceToolError } from '../src/errors.ts';
import { buildCleanupRequest, buildRequest, createdSessionId, isTransportFailure, type WireRequest } from '../src/protocol/index.ts';
import { withTransport, type Transport } from '../engine/createTransport.ts';
import type { OperationModel } from '../src/spec/index.ts';
import { recordCreated, recordDeleted } from '../engine/sessionJournal.ts';
import { journalLostCreates } from '../engine/journalLostCreates.ts';
import type { RunOptions } from '../engine/types.ts';
import { describeRefusal } from './describeRefusal.ts';

/** What the preflight found: the sessions it created, and why its create got no answer, if it did not. */
export interface PreflightResult {
  sessionsCreated: number;
  /** The transport failure of the create (a hang, a reset, garbage): the suites judge it, the run goes on. */
  noAnswer?: string;
}

/**
 * Preflight: before hundreds of cases, one plain, valid create (required members only,
 * fictional numbers with a leading '+') that is deleted at once. If the endpoint refuses even that with an
 * HTTP error, every case would be refused the same way, so the run stops with one verdict naming the
 * cause (exit 2): an unknown voice connector, missing permissions or credentials, a throttled or
 * unavailable service, a redirect, or a service that no longer serves proxy sessions (AWS ended support on
 * the spec's deprecation date). No answer at all (a hang, a reset, bytes that are not HTTP) is no refusal:
 * it is what the endpoint does with a request, and the suites judge it (the transport check, exit 1).
 */
export async function preflight(model: OperationModel, options: RunOptions, stop: { signal?: AbortSignal; cleanupSignal?: AbortSignal } = {}): Promise<PreflightResult> {
  // With no session budget at all, nothing may be created, not even the probe.
  if (options.maxSessions === 0) return { sessionsCreated: 0 };
  const body = fc.sample(validBody(model, { presence: 'required', limits: { ParticipantPhoneNumbers: { plus: true, unique: true, fictionalShape: firstFictionalShape(model) } } }), { seed: 1, numRuns: 1 })[0]!;
  const labels = Object.fromEntries(model.labels.map((l) => [l, options.voiceConnectorId]));
  return withTransport(model, { ...options, ...stop }, (transport) => probe(model, options, transport, labels, body));
}

async function probe(model: OperationModel, options: RunOptions, transport: Transport, labels: Record<string, string>, body: Record<string, unknown>): Promise<PreflightResult> {
  // The probe is part of the run: it never outlives the run's deadline, and a throttled answer is retried
  // like any other (spec /retry) before it counts as a refusal. No budget applies (the CLI counts it).
  // Only the delete is cleanup: an interrupt aborts the create at once, never the delete of what it made.
  const send = (request: WireRequest, cleanup: boolean) => transport.send(request, { cleanup, until: options.deadline, timeoutMs: Math.max(1, Math.min(options.timeoutMs, options.deadline - Date.now())) });

  const request = buildRequest(model, options.endpoint, { labels, body });
  const response = await send(request, false);
  // The probe's session is deleted at once, also when its answer was too large to read; a lost answer is
  // journalled, so the cleanup after the run looks for the session it may have made.
  const id = createdSessionId(response);
  journalLostCreates(model, options)(request, response);
  if (id !== undefined) {
    const entry = { endpoint: options.endpoint, labels: { ...labels, ProxySessionId: id } };
    recordCreated(options.journalFile, entry);
    const deleted = await send(buildCleanupRequest(model, options.endpoint, entry.labels), true);
    if (!isTransportFailure(deleted) && ((deleted.status >= 200 && deleted.status < 300) || deleted.status === 404)) recordDeleted(options.journalFile, entry);
  }
  const sessionsCreated = id === undefined ? 0 : 1;
  // An answer too large to read is an answer: the suites judge it (transport check), it is no reason to stop.
  if (isTransportFailure(response) && response.kind === 'too-large') return { sessionsCreated };
  if (isTransportFailure(response)) return { sessionsCreated, noAnswer: response.message };
  if (response.status >= 200 && response.status < 300) return { sessionsCreated };
  throw new ConformanceToolError('CONFORMANCE_PREFLIGHT', `preflight failed: ${describeRefusal(model, options.endpoint, options.voiceConnectorId, response)}`);
}

/** The spec's first fictional-number shape: the most ordinary-looking numbers (NANP 555-01xx). */
function firstFictionalShape(model: OperationModel): string | undefined {
  const shape = model.shape('E164PhoneNumber');
  return shape.type === 'string' ? shape.fictional?.[0]?.shape : undefined;
}
