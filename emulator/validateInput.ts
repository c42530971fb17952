import type { ConstraintKind, OperationModel, SchemaViolation } from '../src/spec/index.ts';

/** Fault hooks that change what validation enforces (see faultHooks.ts); the unbroken emulator has none. */
export interface ValidationFaults {
  ignoresViolation(violation: SchemaViolation): boolean;
  extraViolation(input: Readonly<Record<string, unknown>>): SchemaViolation | undefined;
}

/** ajv keyword → the Smithy constraint trait it enforces (spec /oracle/constraintViolation/constraints). */
const CONSTRAINT_OF: Record<string, ConstraintKind> = {
  required: 'required',
  minLength: 'length',
  maxLength: 'length',
  minItems: 'length',
  maxItems: 'length',
  pattern: 'pattern',
  minimum: 'range',
  maximum: 'range',
  enum: 'enum',
  type: 'type',
};

/**
 * Validates the operation input as Smithy sees it (labels and body members in one object) against the
 * compiled spec, and returns the first violation as an error message naming the member and the
 * constraint, or undefined when the input is valid. Every constraint comes from the spec through
 * model.validateInput; nothing here knows a limit. Values are never quoted back: Name and the phone
 * numbers are @sensitive in the model.
 */
export function validateInput(
  model: OperationModel,
  labels: Readonly<Record<string, string>>,
  body: Readonly<Record<string, unknown>>,
  faults?: ValidationFaults,
): string | undefined {
  // Labels last: a body member that happens to share a label's name is not that member, since restJson1
  // binds an @httpLabel from the URI only.
  const input = { ...body, ...labels };
  const violations = model.validateInput(input).filter((v) => !faults?.ignoresViolation(v));
  const violation = violations[0] ?? faults?.extraViolation(input);
  return violation && describe(violation);
}

function describe(violation: SchemaViolation): string {
  const member = violation.path
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part), '');
  const constraint = CONSTRAINT_OF[violation.keyword] ?? violation.keyword;
  return `1 validation error detected: ${member || 'the request'} failed to satisfy the ${constraint} constraint: ${violation.message}`;
}
