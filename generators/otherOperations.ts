import type { OperationModel } from '../src/spec/index.ts';

/**
 * The spec's operations besides the conformance target (spec /operations) that any run may call, also on
 * a user's voice connector: the operations on one proxy session (their labels name the session, the label
 * spec /cleanup's operation has beyond the create's), whose cases act on a session they create first
 * (operationFamilies.ts), and reads (GET) of what the connector holds.
 */
export function siblingOperations(model: OperationModel): OperationModel[] {
  const sessionLabel = sessionLabelOf(model);
  return otherOperations(model).filter((op) => op.labels.includes(sessionLabel) || op.http.method === 'GET');
}

/**
 * The other operations of the spec: those that change a voice connector or its proxy configuration
 * (PutVoiceConnectorProxy, DeleteVoiceConnectorProxy, CreateVoiceConnector, DeleteVoiceConnector). A
 * wrongly accepted case of theirs would change the connector it names, so their cases act only on a
 * connector they make first, and run only when the run may make connectors (connectorFamilies.ts).
 */
export function connectorOperations(model: OperationModel): OperationModel[] {
  const siblings = new Set(siblingOperations(model).map((op) => op.name));
  return otherOperations(model).filter((op) => !siblings.has(op.name));
}

/** @internal The label that names one session: the one the cleanup operation (spec /cleanup) has beyond the create's. */
export function sessionLabelOf(model: OperationModel): string {
  const label = model.operation(model.spec.cleanup.operation).labels.find((l) => !model.labels.includes(l));
  if (!label) throw new Error(`spec /cleanup: ${model.spec.cleanup.operation} has no label beyond ${model.name}'s`);
  return label;
}

function otherOperations(model: OperationModel): OperationModel[] {
  return Object.keys(model.spec.operations)
    .filter((name) => name !== model.name)
    .map((name) => model.operation(name));
}
