import type { OperationModel } from '../src/spec/index.ts';

/**
 * A value of the enum a ProxySession member targets (e.g. Status → ProxySessionStatus), checked against
 * the spec at start-up so the emulator never sends a value the spec does not define.
 */
export function sessionEnumValue(model: OperationModel, member: string, value: string): string {
  const output = model.shape(model.spec.operation.output);
  const sessionTarget = output.type === 'structure' ? output.members.ProxySession?.target : undefined;
  const session = sessionTarget === undefined ? undefined : model.shape(sessionTarget);
  const target = session?.type === 'structure' ? session.members[member]?.target : undefined;
  if (target === undefined || !model.enumValues(target).includes(value)) throw new Error(`${value} is not a value of ProxySession.${member} in the spec`);
  return value;
}
