/**
 * Tool errors: something is wrong with how the tool was asked to run (a flag, the spec, the endpoint),
 * as opposed to a conformance failure of the endpoint. Each has a stable `code` so CI can branch on it;
 * the CLI turns every one of them into exit code 2 with its message, never a stack trace.
 */
export class ConformanceToolError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A flag or option is missing, unknown or has a bad value. */
export class UsageError extends ConformanceToolError {
  constructor(message: string) {
    super('CONFORMANCE_USAGE', message);
  }
}

/** The spec file cannot be read, parsed or does not satisfy the meta-schema; `path` names the bad entry. */
export class SpecLoadError extends ConformanceToolError {
  readonly file: string;
  readonly path: string;
  constructor(file: string, path: string, message: string, options?: { cause?: unknown }) {
    super('CONFORMANCE_SPEC_INVALID', `${file}${path ? ` at ${path}` : ''}: ${message}`, options);
    this.file = file;
    this.path = path;
  }
}

/** Nothing answers at the endpoint (refused, DNS, TLS, timeout) before the suite starts. */
export class EndpointUnreachableError extends ConformanceToolError {
  readonly endpoint: string;
  constructor(endpoint: string, reason: string, options?: { cause?: unknown }) {
    super('CONFORMANCE_ENDPOINT_UNREACHABLE', `endpoint ${endpoint} is unreachable: ${reason}`, options);
    this.endpoint = endpoint;
  }
}

/** The run did not finish before its overall deadline. */
export class RunDeadlineError extends ConformanceToolError {
  constructor(seconds: number) {
    super('CONFORMANCE_DEADLINE', `the run did not finish within its ${seconds} s deadline (--deadline)`);
  }
}
