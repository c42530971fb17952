import type { RequestCase } from '../../generators/types.ts';
import type { AuthSettings, NotSent, TransportFailure, TransportFailureKind, WireRequest, WireResponse } from '../protocol/index.ts';

/**
 * What the official SDK made of one timestamp member of the ProxySession it returned: a valid Date (the
 * only right answer when the response carried the member), a Date that is NaN, a plain string (the SDK
 * left it unparsed), absent, or something else.
 */
export type SdkTimestamp = 'date' | 'invalid-date' | 'string' | 'missing' | 'other';

interface SdkOutcomeBase {
  /** `$metadata.httpStatusCode` (the SDK's view of the status), when the SDK got a response. */
  httpStatusCode?: number;
  /** The ProxySessionId of a session this request created (2xx), parsed by the SDK or not: for cleanup. */
  createdSessionId?: string;
}

/** The SDK resolved: the command's output. */
export interface SdkOutput extends SdkOutcomeBase {
  kind: 'output';
  /** The parsed ProxySession as the SDK returned it (timestamps stay Date objects). */
  proxySession?: Record<string, unknown>;
  /** Every timestamp member of the ProxySession shape, and what the SDK made of it. */
  timestamps: Record<string, SdkTimestamp>;
}

/** The SDK threw a service exception (modelled, or its base class for an error name it does not know). */
export interface SdkError extends SdkOutcomeBase {
  kind: 'error';
  /** `error.name`: the exception class for a modelled error, otherwise the sanitised error name. */
  name: string;
  /** `$fault`: client or server. */
  fault?: string;
  message: string;
}

/** The SDK threw anything else: a response it could not deserialise, or a transport failure. */
export interface SdkFailure extends SdkOutcomeBase {
  kind: 'failure';
  /** `error.name`, e.g. TypeError or SyntaxError for an undeserialisable body. */
  name: string;
  /** First line of the message (the SDK's "inspect $response" hint is dropped). */
  message: string;
  /** Set when the request got no complete response at all. */
  transport?: TransportFailureKind;
}

/** What sending one request through @aws-sdk/client-chime-sdk-voice gave: JSON-serialisable (Dates become strings). */
export type SdkOutcome = SdkOutput | SdkError | SdkFailure;

/**
 * How the SDK's HTTP requests reach the wire. The SDK signs; the function sends what it is given and
 * reads the whole response (the suite's transport: budgets, rate limit, throttling retries, body limit).
 */
export type WireSend = (request: WireRequest, options: { timeoutMs?: number }) => Promise<WireResponse | TransportFailure | NotSent>;

/** What the SDK sender needs of the operation: the URI label names (the command's input takes them beside the body's members) and the timestamp members of the output's ProxySession. */
export interface SdkOperation {
  labels: readonly string[];
  timestampMembers: readonly string[];
}

/** What the SDK client needs: where, which region and credentials, and the limits of a plain send. */
export interface SdkSettings extends AuthSettings {
  endpoint: string;
  timeoutMs: number;
  maxBodyBytes: number;
}

/** One SDK client for a whole suite run. */
export interface SdkSender {
  /** Sends a step whose body is a JSON object; undefined when nothing was sent (a budget is spent). */
  send(step: RequestCase, options?: { timeoutMs?: number }): Promise<SdkOutcome | undefined>;
  destroy(): Promise<void>;
}
