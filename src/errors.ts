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
  /** `flag`: the option that named the file (`--spec`), said before its name. */
  constructor(file: string, path: string, message: string, options?: { cause?: unknown; flag?: string }) {
    super('CONFORMANCE_SPEC_INVALID', `${options?.flag ? `${options.flag} ` : ''}${echoedPath(file)}${path ? ` at ${echoed(path)}` : ''}: ${message}`, options);
    this.file = file;
    this.path = path;
  }
}

/** Nothing answers at the endpoint (refused, DNS, TLS, timeout) before the suite starts. */
export class EndpointUnreachableError extends ConformanceToolError {
  readonly endpoint: string;
  constructor(endpoint: string, reason: string, options?: { cause?: unknown }) {
    super('CONFORMANCE_ENDPOINT_UNREACHABLE', `endpoint ${echoed(endpoint)} is unreachable: ${reason}`, options);
    this.endpoint = endpoint;
  }
}

/** The run did not finish before its overall deadline. */
export class RunDeadlineError extends ConformanceToolError {
  constructor(seconds: number) {
    super('CONFORMANCE_DEADLINE', `the run did not finish within its ${seconds} s deadline (--deadline)`);
  }
}

/**
 * How many characters of a value a message echoes: enough to recognise a flag value, a key or a path,
 * while a 5 MB garbage file or argument still makes a one-line message. A tool limit, not an API fact.
 */
export const ECHO_MAX_CHARS = 200;

/**
 * A value from the user (a flag value, a file's contents, an answer's text) as a message shows it: cut to
 * `max` characters with an ellipsis, and control characters escaped, so the message stays one short line.
 */
export function echoed(value: string, max = ECHO_MAX_CHARS): string {
  let text = value.length > max ? value.slice(0, max) : value;
  // A cut between the two halves of a surrogate pair would leave half a character.
  if (text.length < value.length && /[\uD800-\uDBFF]$/.test(text)) text = text.slice(0, -1);
  const escaped = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return text.length < value.length ? `${escaped}… (${value.length} characters)` : escaped;
}

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A path as a message shows it: whole up to Linux's PATH_MAX (4096), so only a path no file can have is cut. */
export function echoedPath(path: string): string {
  return echoed(path, 4096);
}
