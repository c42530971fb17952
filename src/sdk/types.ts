import type { RequestCase } from '../../generators/types.ts';
import type { AuthSettings, NotSent, TransportFailure, TransportFailureKind, WireRequest, WireResponse } from '../protocol/index.ts';

interface SdkOutcomeBase {
  /** `$metadata.httpStatusCode` (the SDK's view of the status), when the SDK got a response. */
  httpStatusCode?: number;
  /** The ProxySessionId of a session this request created (a create answered 2xx), parsed by the SDK or not: for cleanup. */
  createdSessionId?: string;
}

/** The SDK resolved: the command's output. */
export interface SdkOutput extends SdkOutcomeBase {
  kind: 'output';
  /** The output as the SDK returned it, without its $metadata (timestamps stay what the SDK made of them: Dates). */
  output: Record<string, unknown>;
  /** The JSON body of the answer the SDK read (its own request's), to hold the output against. */
  answer?: unknown;
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

/** What sending one request through @aws-sdk/client-chime-sdk-voice gave. */
export type SdkOutcome = SdkOutput | SdkError | SdkFailure;

/**
 * How the SDK's HTTP requests reach the wire. The SDK signs; the function sends what it is given and
 * reads the whole response (the suite's transport: budgets, rate limit, throttling retries, body limit).
 */
export type WireSend = (request: WireRequest, options: { timeoutMs?: number; /** The command may make a session (the create's). */ creates?: boolean }) => Promise<WireResponse | TransportFailure | NotSent>;

/**
 * What the SDK sender needs of the operations it sends (sdk-parses), as plain data a worker thread can be
 * handed: the conformance target's name (its commands are the ones that make sessions) and, by name, how
 * each operation it may send (the target and the reads) takes a step as its command's input.
 */
export interface SdkOperation {
  target: string;
  commands: Readonly<Record<string, SdkCommandInput>>;
}

/** How one operation's SDK command takes a step: its URI labels, and its query members (restJson1 @httpQuery). */
export interface SdkCommandInput {
  labels: readonly string[];
  /** Query members by member name: the query parameter each is sent as, and its target shape's type. */
  query: Readonly<Record<string, { queryName: string; type: string }>>;
}

/** What the SDK client needs: where, which region and credentials, and the limits of a plain send. */
export interface SdkSettings extends AuthSettings {
  endpoint: string;
  timeoutMs: number;
  maxBodyBytes: number;
}

/** One SDK client for a whole suite run. */
export interface SdkSender {
  /** Sends a step as its operation's SDK command; undefined when nothing was sent (a budget is spent). */
  send(step: RequestCase, options?: { timeoutMs?: number }): Promise<SdkOutcome | undefined>;
  destroy(): Promise<void>;
}
