import type { RequestCase } from '../generators/types.ts';
import type { OperationModel } from '../src/spec/index.ts';

/** The operation a request calls: its own (RequestCase.operation), else the spec's conformance target. */
export function operationOf(model: OperationModel, step: Pick<RequestCase, 'operation'>): OperationModel {
  const name = step.operation ?? model.spec.operation.name;
  return name === model.name ? model : model.operation(name);
}

/** What the oracle (spec /oracle) expects of one request. */
export type Expectation =
  | { kind: 'success'; status: number }
  | { kind: 'error'; status: number; error?: string; why: string; /** Other statuses that are right too. */ alsoStatus?: number[] }
  /** `anyError`: an error may carry any name (nothing declares what a service calls a request it cannot route). */
  | { kind: 'unspecified'; why: string; anyError?: boolean };

/**
 * Derives a request's expectation from its operation, kind and violation label: never written per test.
 * `model` is any operation of the spec; the step's own operation is the one judged.
 */
export function expectationOf(model: OperationModel, step: RequestCase): Expectation {
  const oracle = model.spec.oracle;
  const operation = operationOf(model, step);
  switch (step.kind) {
    case 'accept':
      return { kind: 'success', status: operation.http.code };
    case 'unknown-connector':
      return { kind: 'error', status: oracle.unknownVoiceConnector.status, error: oracle.unknownVoiceConnector.error, why: 'the voice connector does not exist' };
    case 'unknown-session':
      return { kind: 'error', status: oracle.unknownProxySession.status, error: oracle.unknownProxySession.error, why: 'no session has that ProxySessionId (never created, or deleted)' };
    case 'deleted-session':
      // What the answer must be is the lifecycle's delete-then-not-found to judge (once); per call, only that
      // a server never fails on it.
      return { kind: 'unspecified', why: 'a session this run deleted (delete-then-not-found judges the answer)' };
    case 'unauthenticated': {
      // Any of the spec's unauthenticated errors' statuses (401, 403); the name is not grounded.
      const [first, ...rest] = oracle.unauthenticated.errors.map((e) => model.spec.errors[e]!.status);
      return { kind: 'error', status: first!, alsoStatus: rest, why: `the request's SigV4 signature is spoiled (${step.auth ?? 'auth'})` };
    }
    case 'malformed-http':
      return { kind: 'unspecified', why: step.unspecified ?? 'a request no operation binds', anyError: true };
    case 'unspecified':
      return { kind: 'unspecified', why: model.unspecified[step.unspecified ?? '']?.why ?? step.unspecified ?? 'undocumented behaviour' };
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
