import type { OperationModel } from '../spec/index.ts';
import type { SdkCommandInput, SdkOperation } from './types.ts';

/**
 * What the SDK sender needs of the spec's operations (sdk-parses), as plain data a worker thread can be
 * handed: the conformance target and every read (GET) of /operations, the operations whose steps the SDK
 * replays (engine/executeCase.ts); the others change state and are never sent through it.
 */
export function sdkOperation(model: OperationModel): SdkOperation {
  const target = model.spec.operation.name;
  const names = [target, ...Object.entries(model.spec.operations).filter(([, op]) => op.http.method === 'GET').map(([name]) => name)];
  return { target, commands: Object.fromEntries(names.map((name) => [name, commandInput(name === model.name ? model : model.operation(name))])) };
}

function commandInput(operation: OperationModel): SdkCommandInput {
  return {
    labels: [...operation.labels],
    query: Object.fromEntries(Object.entries(operation.queryMembers).map(([member, spec]) => [member, { queryName: spec.queryName, type: operation.shape(spec.target).type }])),
  };
}
