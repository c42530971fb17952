import type { ConstraintKind, OperationModel, SchemaViolation } from '../src/spec/index.ts';

/**
 * Fault hooks that change what validation enforces (see faultHooks.ts); the unbroken emulator has none.
 * Each is told which operation's input it is judging, so a fault can break one operation only, and the
 * input itself, so a fault can let through only some values (a widened character class, an off-by-one).
 */
export interface ValidationFaults {
  ignoresViolation(violation: SchemaViolation, operation: string, input: Readonly<Record<string, unknown>>): boolean;
  extraViolation(input: Readonly<Record<string, unknown>>, operation: string): SchemaViolation | undefined;
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
 * Validates an operation's input as Smithy sees it (labels, query and body members in one object, with
 * typed values: decodeRequest.ts builds it) against the compiled spec, and returns the first violation
 * as an error message naming the member and the constraint, or undefined when the input is valid. Every
 * constraint comes from the spec through model.validateInput; nothing here knows a limit. Values are
 * never quoted back: Name and the phone numbers are @sensitive in the model.
 */
export function validateInput(model: OperationModel, input: Readonly<Record<string, unknown>>, faults?: ValidationFaults): string | undefined {
  const violations = model.validateInput(input).filter((v) => !faults?.ignoresViolation(v, model.name, input));
  const violation = violations[0] ?? faults?.extraViolation(input, model.name);
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
