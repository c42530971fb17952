import type { RequestCase } from '../generators/index.ts';
import { operationOf, type Exchange } from '../checks/index.ts';
import type { OperationModel } from '../src/spec/index.ts';
import { buildRequest, createdConnectorId, isTransportFailure, type NotSent, type TransportFailure, type WireResponse } from '../src/protocol/index.ts';
import type { RunContext } from './runContext.ts';
import { recordUnprovisioned } from './sessionJournal.ts';

/**
 * Whether a step makes a voice connector the run must remove: a call of spec /lifecycle/provision's
 * createConnector operation with its own method and path (a request no operation binds makes nothing).
 */
export function makesConnector(model: OperationModel, step: RequestCase): boolean {
  return operationOf(model, step).name === model.spec.lifecycle.provision.operations.createConnector && step.method === undefined && step.pathSuffix === undefined;
}

/** The id of the connector an exchange made (a connector create that answered with one), if any. */
export function connectorMadeBy(model: OperationModel, ex: Exchange): string | undefined {
  return makesConnector(model, ex.step) ? createdConnectorId(model, ex.response ?? ex.failure) : undefined;
}

/**
 * After a case of the connector families (generators/connectorFamilies.ts): puts the run's connector's
 * proxy configuration back if a step may have changed it (a must-reject PutVoiceConnectorProxy that was
 * not refused: the run's connector has spec /lifecycle/provision/proxy, whether --provision made it or it
 * is the embedded emulator's), and removes every connector the case made: its proxy configuration first
 * when one may be left, then the connector, unless a step of the case already deleted it. A connector that
 * is gone is recorded as such in the journal; one that could not be removed stays there for the sweep
 * after the run (cli/sweepConnectors.ts). Cleanup requests go out even past the budgets and the deadline.
 */
export async function settleConnectors(context: RunContext, exchanges: readonly Exchange[]): Promise<void> {
  const { model, options, transport } = context;
  const { operations, proxy } = model.spec.lifecycle.provision;
  const label = model.labels[0]!;
  const is = (ex: Exchange, name: string) => operationOf(model, ex.step).name === name && ex.step.method === undefined && ex.step.pathSuffix === undefined;
  // Gone: deleted, or not there (spec /oracle/unknownVoiceConnector's status).
  const gone = (result: WireResponse | TransportFailure | NotSent | undefined) =>
    result !== undefined && !isTransportFailure(result) && 'status' in result && ((result.status >= 200 && result.status < 300) || result.status === model.spec.oracle.unknownVoiceConnector.status);
  // A change may have been made unless the server refused it.
  const mayHaveApplied = (ex: Exchange) => ex.response === undefined || ex.response.status < 400;
  const send = (name: string, id: string, body?: unknown) =>
    transport.send(buildRequest(model.operation(name), options.endpoint, { labels: { [label]: id }, ...(body !== undefined ? { body } : {}) }), { cleanup: true });

  if (exchanges.some((ex) => is(ex, operations.putProxy) && ex.step.labels[label] === options.voiceConnectorId && mayHaveApplied(ex))) {
    await send(operations.putProxy, options.voiceConnectorId, proxy);
  }
  for (const [i, ex] of exchanges.entries()) {
    const id = connectorMadeBy(model, ex);
    if (id === undefined) continue;
    const later = exchanges.slice(i + 1).filter((e) => e.step.labels[label] === id);
    let removed = later.some((e) => is(e, operations.deleteConnector) && gone(e.response));
    if (!removed) {
      let configured = false;
      for (const e of later) {
        if (is(e, operations.putProxy) && mayHaveApplied(e)) configured = true;
        if (is(e, operations.deleteProxy) && gone(e.response)) configured = false;
      }
      if (configured) await send(operations.deleteProxy, id);
      removed = gone(await send(operations.deleteConnector, id));
    }
    if (removed) recordUnprovisioned(options.journalFile, { endpoint: options.endpoint, voiceConnectorId: id });
  }
}
