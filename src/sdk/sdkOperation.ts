import type { OperationModel, StructureShape } from '../spec/index.ts';
import type { SdkOperation } from './types.ts';

/** What the SDK sender needs of the operation model (sdk-parses), as plain data a worker thread can be handed. */
export function sdkOperation(model: OperationModel): SdkOperation {
  return { labels: [...model.labels], timestampMembers: timestampMembers(model) };
}

/** Timestamp members of the output's ProxySession structure (CreatedTimestamp, UpdatedTimestamp, EndedTimestamp). */
function timestampMembers(model: OperationModel): string[] {
  const output = model.shape(model.spec.operation.output) as StructureShape;
  const target = output.members.ProxySession?.target;
  if (!target) return [];
  const session = model.shape(target) as StructureShape;
  return Object.entries(session.members)
    .filter(([, m]) => model.shape(m.target).type === 'timestamp')
    .map(([name]) => name);
}
