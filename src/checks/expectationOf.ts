import type { RequestCase } from '../../generators/types.ts';
import type { OperationModel } from '../spec/index.ts';

/** What the oracle (spec /oracle) expects of one request. */
export type Expectation =
  | { kind: 'success'; status: number }
  | { kind: 'error'; status: number; error?: string; why: string }
  | { kind: 'unspecified'; why: string };

/** Derives a request's expectation from its kind and violation label: never written per test. */
export function expectationOf(model: OperationModel, step: RequestCase): Expectation {
  const oracle = model.spec.oracle;
  switch (step.kind) {
    case 'accept':
      return { kind: 'success', status: model.http.code };
    case 'unknown-connector':
      return { kind: 'error', status: oracle.unknownVoiceConnector.status, error: oracle.unknownVoiceConnector.error, why: 'the voice connector does not exist' };
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
