/** One HTTP request as it goes on the wire. `body` is the exact text sent (may be invalid JSON on purpose). */
export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** One HTTP response as received; header names are lower-case. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  /** The body as text (UTF-8), complete: larger bodies end as a TransportFailure of kind `too-large`. */
  bodyText: string;
  /** The parsed JSON body, or undefined when the body is empty, not JSON, or nested too deep (`tooDeep`). */
  json?: unknown;
  /** The body is JSON nested deeper than any modelled shape allows (parseAnswerJson.ts): left unparsed. */
  tooDeep?: true;
  elapsedMs: number;
}

/** `interrupted`: the run itself aborted the exchange (Ctrl-C, SIGTERM); never the endpoint's doing, never judged. */
export type TransportFailureKind = 'timeout' | 'reset' | 'refused' | 'too-large' | 'interrupted' | 'other';

/** A request that was not sent at all, because a run budget is spent (engine/createTransport.ts). */
export interface NotSent {
  kind: 'not-sent';
  message: string;
}

/** The request got no complete response: the endpoint hung, closed the connection, or sent too much. */
export interface TransportFailure {
  kind: TransportFailureKind;
  message: string;
  elapsedMs: number;
  /**
   * Set when the failure came after the response headers (a body timeout, a reset or a Content-Length the
   * body fell short of, a body too large): the HTTP status, and the body bytes read so far as UTF-8 (the
   * first 64 KiB), so a create cut short can still name the session it made.
   */
  status?: number;
  partialBody?: string;
}
