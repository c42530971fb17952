import type { OperationModel, StructureShape } from '../spec/index.ts';

/** Timestamp members of the output's ProxySession structure (CreatedTimestamp, UpdatedTimestamp, EndedTimestamp). */
export function timestampMembers(model: OperationModel): string[] {
  const output = model.shape(model.spec.operation.output) as StructureShape;
  const target = output.members.ProxySession?.target;
  if (!target) return [];
  const session = model.shape(target) as StructureShape;
  return Object.entries(session.members)
    .filter(([, m]) => model.shape(m.target).type === 'timestamp')
    .map(([name]) => name);
}
