import type { OperationModel } from '../src/spec/index.ts';

/** The error the emulator sends in each situation, every one read from the spec. */
export interface ErrorNames {
  /** Constraint violations and malformed input (spec /oracle/constraintViolation/error). */
  invalid: string;
  /** Unknown voice connector, proxy configuration or route (spec /oracle/unknownVoiceConnector/error). */
  notFound: string;
  /** Get, Update or Delete of a session that does not exist (spec /oracle/unknownProxySession/error). */
  unknownSession: string;
  /** An unexpected failure inside the emulator: the operation's server-fault "failure" error. */
  failure: string;
  /** No proxy number left: the operation's server-fault "unavailable" error. */
  unavailable: string;
}

/**
 * Picks the error names from the spec once, at start-up, and fails loudly if the spec lacks one, rather
 * than sending an error the operation does not model.
 */
export function errorNames(model: OperationModel): ErrorNames {
  const serverErrors = Object.entries(model.errors)
    .filter(([, e]) => e.fault === 'server')
    .map(([name]) => name);
  const serverError = (word: string) => {
    const name = serverErrors.find((n) => n.includes(word));
    if (!name) throw new Error(`the spec's operation has no server-fault ${word} error among ${serverErrors.join(', ')}`);
    return name;
  };
  return {
    invalid: model.spec.oracle.constraintViolation.error,
    notFound: model.spec.oracle.unknownVoiceConnector.error,
    unknownSession: model.spec.oracle.unknownProxySession.error,
    failure: serverError('Failure'),
    unavailable: serverError('Unavailable'),
  };
}

/**
 * The operation's error with this HTTP status (spec /errors), for answers the emulator names by status
 * alone: 401/403 for signatures, 429/503 for throttling. Fails loudly if the operation models none.
 */
export function errorByStatus(model: OperationModel, status: number): string {
  const name = Object.entries(model.errors).find(([, e]) => e.status === status)?.[0];
  if (name === undefined) throw new Error(`the spec's operation has no error with status ${status} among ${Object.keys(model.errors).join(', ')}`);
  return name;
}
