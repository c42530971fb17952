import { ConformanceToolError } from '../src/errors.ts';
import { buildCleanupRequest, buildRequest, createdConnectorId, errorTypeOf, isTransportFailure, type AuthSettings } from '../src/protocol/index.ts';
import type { OperationModel } from '../src/spec/index.ts';
import { recordProvisioned, recordUnprovisioned } from '../engine/sessionJournal.ts';
import { sessionsOn } from './sessionsOn.ts';
import { withTransport, type Transport } from '../engine/createTransport.ts';

/** Pages of a provisioned connector's list to follow: every session on it is the run's own, so all of them. */
const PROVISIONED_MAX_PAGES = 1000;

/** A voice connector this run made for itself (--provision), and how to remove it again. */
export interface ProvisionedConnector {
  voiceConnectorId: string;
  /**
   * Deletes the proxy configuration, then the connector (after the run's sessions are gone: a connector
   * with sessions may be refused with ConflictException). Returns what could not be removed, in words;
   * an empty list when nothing is left.
   */
  remove(): Promise<string[]>;
}

export interface ProvisionSettings extends AuthSettings {
  endpoint: string;
  timeoutMs: number;
  maxBodyBytes: number;
  /** The run's journal: the connector is recorded there as soon as it exists, so `sweep` can remove it. */
  journalFile?: string;
}

/**
 * --provision: CreateVoiceConnector, then PutVoiceConnectorProxy on it, with the bodies of spec
 * /lifecycle/provision (each checked against its operation's input first, so a bad spec entry is a clear
 * error rather than a refused request). If the proxy configuration is refused, the new connector is
 * deleted again before the error is thrown: a failed provisioning leaves nothing behind either.
 */
export async function provisionConnector(model: OperationModel, settings: ProvisionSettings): Promise<ProvisionedConnector> {
  const { connector, proxy, operations } = model.spec.lifecycle.provision;
  const create = model.operation(operations.createConnector);
  const put = model.operation(operations.putProxy);
  for (const [op, body] of [[create, connector], [put, proxy]] as const) {
    // Labels are filled in later; validate the body members only, with a stand-in label.
    const problems = op.validateInput({ ...body, ...Object.fromEntries(op.labels.map((l) => [l, 'x'])) });
    if (problems.length > 0) throw fail(`spec /lifecycle/provision is not a valid ${op.name} input: ${problems[0]!.path} ${problems[0]!.message}`);
  }
  return withTransport(model, settings, (transport) => provision(model, settings, transport));
}

async function provision(model: OperationModel, settings: ProvisionSettings, transport: Transport): Promise<ProvisionedConnector> {
  const { connector, proxy, operations, connectorId } = model.spec.lifecycle.provision;
  const create = model.operation(operations.createConnector);
  const put = model.operation(operations.putProxy);
  // Not retried when unavailable: a 503 may come after the connector was made, and a retry would make a
  // second one that nothing removes. A throttled request (429) was not processed and is retried.
  const created = await transport.send(buildRequest(create, settings.endpoint, { labels: {}, body: connector }), { retryUnavailable: false });
  const id = createdConnectorId(model, created);
  if (isTransportFailure(created) || created.status !== create.http.code || id === undefined) {
    throw fail(`${create.name} ${outcome(model, created)}; expected ${create.http.code} with ${connectorId.slice(1).replaceAll('/', '.')}`);
  }
  recordProvisioned(settings.journalFile, { endpoint: settings.endpoint, voiceConnectorId: id });
  const labels = { VoiceConnectorId: id };
  const remove = () => removeConnector(model, settings, id);

  const configured = await transport.send(buildRequest(put, settings.endpoint, { labels, body: proxy }));
  if (isTransportFailure(configured) || configured.status !== put.http.code) {
    const left = await remove();
    const leftover = left.length > 0 ? ` The new voice connector ${id} could not be removed: ${left.join('; ')}.` : '';
    throw fail(`${put.name} on the new voice connector ${id} ${outcome(model, configured)}; expected ${put.http.code}.${leftover}`);
  }
  return { voiceConnectorId: id, remove };
}

/**
 * Deletes a provisioned connector's sessions, its proxy configuration, then the connector, and records
 * that in the journal. Every session on a connector this run made is the run's own, so they are found by
 * ListProxySessions (every page), also those whose create answer never arrived (a run killed mid-call),
 * which no journal can know. Returns what could not be removed, in words; an empty list when nothing is
 * left. Used after a run and by `sweep` for a run that was killed.
 */
export async function removeConnector(model: OperationModel, settings: ProvisionSettings, id: string): Promise<string[]> {
  return withTransport(model, settings, (transport) => removeWith(model, settings, transport, id));
}

async function removeWith(model: OperationModel, settings: ProvisionSettings, transport: Transport, id: string): Promise<string[]> {
  const left: string[] = [];
  for (const sessionId of await sessionsOn(model, transport, settings.endpoint, id, PROVISIONED_MAX_PAGES)) {
    const result = await transport.send(buildCleanupRequest(model, settings.endpoint, { VoiceConnectorId: id, ProxySessionId: sessionId }));
    const gone = !isTransportFailure(result) && ((result.status >= 200 && result.status < 300) || result.status === model.spec.oracle.unknownProxySession.status);
    if (!gone) left.push(`DeleteProxySession ${id}/${sessionId} ${outcome(model, result)}`);
  }
  const { deleteProxy, deleteConnector } = model.spec.lifecycle.provision.operations;
  for (const name of [deleteProxy, deleteConnector]) {
    const op = model.operation(name);
    const result = await transport.send(buildRequest(op, settings.endpoint, { labels: { VoiceConnectorId: id } }));
    // Gone already (the unknown-connector answer, 404) is as good as deleted.
    const gone = !isTransportFailure(result) && ((result.status >= 200 && result.status < 300) || result.status === model.spec.oracle.unknownVoiceConnector.status);
    if (!gone) left.push(`${name} ${id} ${outcome(model, result)}`);
  }
  if (left.length === 0) recordUnprovisioned(settings.journalFile, { endpoint: settings.endpoint, voiceConnectorId: id });
  return left;
}

function outcome(model: OperationModel, result: Awaited<ReturnType<Transport['send']>>): string {
  if (isTransportFailure(result)) return `got no answer (${result.message})`;
  const name = errorTypeOf(result.headers, result.json, model.spec.errorContract.header);
  return `answered ${result.status}${name ? ` ${name}` : ''}`;
}

function fail(message: string): ConformanceToolError {
  return new ConformanceToolError('CONFORMANCE_PROVISION', `--provision failed: ${message}`);
}
