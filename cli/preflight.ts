import fc from 'fast-check';
import { validBody } from '../generators/index.ts';
import { ConformanceToolError } from '../src/errors.ts';
import { buildCleanupRequest, buildRequest, createdSessionId, errorTypeOf, isTransportFailure, type WireRequest } from '../src/protocol/index.ts';
import { withTransport, type Transport } from '../engine/createTransport.ts';
import type { OperationModel } from '../src/spec/index.ts';
import { recordCreated, recordDeleted } from '../engine/sessionJournal.ts';
import { journalLostCreates } from '../engine/journalLostCreates.ts';
import type { RunOptions } from '../engine/types.ts';

/**
 * Preflight: before hundreds of cases, one plain, valid create (required members only,
 * fictional numbers with a leading '+') that is deleted at once. If even that is refused, every case
 * would fail for the same reason, so the run stops with one verdict naming the cause (exit 2):
 * an unknown voice connector, missing permissions or credentials, a throttled or unavailable service,
 * or a service that no longer serves proxy sessions (AWS ended support on the spec's deprecation date).
 */
export async function preflight(model: OperationModel, options: RunOptions, stop: { signal?: AbortSignal; cleanupSignal?: AbortSignal } = {}): Promise<{ sessionsCreated: number }> {
  // With no session budget at all, nothing may be created, not even the probe.
  if (options.maxSessions === 0) return { sessionsCreated: 0 };
  const body = fc.sample(validBody(model, { presence: 'required', limits: { ParticipantPhoneNumbers: { plus: true, unique: true, fictionalShape: firstFictionalShape(model) } } }), { seed: 1, numRuns: 1 })[0]!;
  const labels = Object.fromEntries(model.labels.map((l) => [l, options.voiceConnectorId]));
  return withTransport(model, { ...options, ...stop }, (transport) => probe(model, options, transport, labels, body));
}

async function probe(model: OperationModel, options: RunOptions, transport: Transport, labels: Record<string, string>, body: Record<string, unknown>): Promise<{ sessionsCreated: number }> {
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
  // An answer too large to read is an answer: the suites judge it (transport check), it is no reason to stop.
  if (isTransportFailure(response) && response.kind === 'too-large') return { sessionsCreated: id === undefined ? 0 : 1 };
  if (isTransportFailure(response)) throw fail(`a plain, valid CreateProxySession got no answer: ${response.message}`);
  if (response.status >= 200 && response.status < 300) return { sessionsCreated: 1 };
  const name = errorTypeOf(response.headers, response.json, model.spec.errorContract.header) ?? `HTTP ${response.status}`;
  const message = (response.json as { Message?: unknown; message?: unknown } | undefined)?.Message ?? (response.json as { message?: unknown } | undefined)?.message;
  const said = `${name}${typeof message === 'string' && message ? `: ${message.slice(0, 300)}` : ''}`;
  throw fail(`a plain, valid CreateProxySession on voice connector ${options.voiceConnectorId} was refused with ${response.status} ${said}. ${cause(model, response.status, name)}`);
}

/** The spec's first fictional-number shape: the most ordinary-looking numbers (NANP 555-01xx). */
function firstFictionalShape(model: OperationModel): string | undefined {
  const shape = model.shape('E164PhoneNumber');
  return shape.type === 'string' ? shape.fictional?.[0]?.shape : undefined;
}

function cause(model: OperationModel, status: number, name: string): string {
  const deprecated = model.spec.service.deprecation ? ` Note: AWS ended support for Chime SDK proxy sessions on ${model.spec.service.deprecation.since}; a real AWS endpoint may no longer serve them at all.` : '';
  const statusOf = (error: string) => model.spec.errors[error]?.status;
  if (name === model.spec.oracle.unknownVoiceConnector.error || status === model.spec.oracle.unknownVoiceConnector.status) {
    return `Likely cause: the voice connector does not exist at this endpoint or has no proxy configuration (check --voice-connector-id).${deprecated}`;
  }
  if (status === 401 || status === 403) return `Likely cause: the credentials are wrong or lack permission for ${model.spec.service.signingName}:${model.name}.${deprecated}`;
  if (model.spec.retry.errors.some((e) => e === name || statusOf(e) === status)) return 'Likely cause: the service is throttling or unavailable even after retries; try again later or lower --rate.';
  return `Every case would be refused the same way, so the run stops here.${deprecated}`;
}

function fail(message: string): ConformanceToolError {
  return new ConformanceToolError('CONFORMANCE_PREFLIGHT', `preflight failed: ${message}`);
}
