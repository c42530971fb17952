import type { RequestCase } from '../generators/index.ts';
import type { OperationModel } from '../src/spec/index.ts';

/**
 * A generated request as the SDK's operation parameters: its labels, its query parameters under their
 * member names (Smithy @httpQuery; integers as numbers), and its body members, all in one object, as
 * Smithy sees an input. Undefined for a request no SDK call can express: a wrong JSON type or malformed
 * JSON (spec /oracle/malformedInput: typed parameters cannot carry them), a body that is not an object,
 * another method or path, or a query value of the wrong type.
 */
export function sdkInput(operation: OperationModel, step: RequestCase): Record<string, unknown> | undefined {
  if (step.rawBody !== undefined || step.method !== undefined || step.pathSuffix !== undefined) return undefined;
  if (step.violation && operation.spec.oracle.malformedInput.constraints.includes(step.violation.constraint)) return undefined;
  const body = step.body ?? {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const input: Record<string, unknown> = {};
  for (const [member, value] of Object.entries(body)) {
    // JSON null is an unspecified case (spec /oracle/unspecified nullOptional), never one of these.
    if (value === null || !(member in operation.bodyMembers)) return undefined;
    input[member] = value;
  }
  for (const [member, spec] of Object.entries(operation.queryMembers)) {
    const raw = step.query?.[spec.queryName];
    if (raw === undefined) continue;
    const shape = operation.shape(spec.target);
    if (shape.type === 'integer') {
      if (!/^-?\d+$/.test(raw)) return undefined;
      input[member] = Number(raw);
    } else if (shape.type === 'boolean') {
      if (raw !== 'true' && raw !== 'false') return undefined;
      input[member] = raw === 'true';
    } else {
      input[member] = raw;
    }
  }
  for (const label of operation.labels) {
    const value = step.labels[label];
    if (value !== undefined) input[label] = value;
  }
  return input;
}
