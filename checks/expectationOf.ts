import type { RequestCase } from '../generators/types.ts';
import type { OperationModel } from '../src/spec/index.ts';

/** What the oracle (spec /oracle) expects of one request. */
export type Expectation =
  | { kind: 'success'; status: number }
  | { kind: 'error'; status: number; error?: string; why: string; /** Other statuses that are right too. */ alsoStatus?: number[] }
  | { kind: 'unspecified'; why: string };

/** Derives a request's expectation from its kind and violation label: never written per test. */
export function expectationOf(model: OperationModel, step: RequestCase): Expectation {
  const oracle = model.spec.oracle;
  switch (step.kind) {
    case 'accept':
      return { kind: 'success', status: model.http.code };
    case 'unknown-connector':
      return { kind: 'error', status: oracle.unknownVoiceConnector.status, error: oracle.unknownVoiceConnector.error, why: 'the voice connector does not exist' };
    case 'unauthenticated': {
      // Any of the spec's unauthenticated errors' statuses (401, 403); the name is not grounded.
      const [first, ...rest] = oracle.unauthenticated.errors.map((e) => model.spec.errors[e]!.status);
      return { kind: 'error', status: first!, alsoStatus: rest, why: `the request's SigV4 signature is spoiled (${step.auth ?? 'auth'})` };
    }
    case 'unspecified':
      return { kind: 'unspecified', why: model.unspecified[step.unspecified ?? '']?.why ?? 'undocumented behaviour' };
    case 'reject': {
      const constraint = step.violation?.constraint;
      const why = step.violation ? `${step.violation.member || 'the body'} breaks ${step.violation.constraint} (${step.violation.how})` : 'invalid input';
      if (constraint !== undefined && oracle.constraintViolation.constraints.includes(constraint)) {
        return { kind: 'error', status: oracle.constraintViolation.status, error: oracle.constraintViolation.error, why };
      }
      return { kind: 'error', status: oracle.malformedInput.status, why };
    }
  }
}
