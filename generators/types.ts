import type { ConstraintKind } from '../src/spec/index.ts';

/**
 * What a request expects (docs/oracle.md, "The oracle"; checks/expectationOf.ts derives the status and error):
 * - `accept`, `reject`, `unspecified`: oracle kinds 1 to 3;
 * - `unknown-connector`, `unknown-session`: a well-formed id nothing has (spec /oracle/unknownVoiceConnector,
 *   /oracle/unknownProxySession);
 * - `deleted-session`: an id of a session this run deleted, whose answer the lifecycle's
 *   delete-then-not-found judges (per call, only "never a server error");
 * - `malformed-http`: a request the protocol itself gets wrong (spec /oracle/malformedHttp): any answer but
 *   a server error;
 * - `unauthenticated`: a spoiled SigV4 signature (the opt-in auth suite).
 */
export type CaseKind = 'accept' | 'reject' | 'unknown-connector' | 'unknown-session' | 'deleted-session' | 'unspecified' | 'malformed-http' | 'unauthenticated';

/** How a request's SigV4 signature is spoiled on purpose (the opt-in `auth` suite). */
export type AuthMutation = 'unsigned' | 'wrong-signature' | 'stale-date';

/**
 * The one constraint a must-reject case breaks. `member` is a JSON pointer into the operation input as
 * Smithy sees it (labels and body members in one object), `''` for the body as a whole.
 */
export interface Violation {
  member: string;
  constraint: ConstraintKind;
  how: string;
}

/** One request of a case: which operation, with what input, expecting what. */
export interface RequestCase {
  kind: CaseKind;
  /** The operation called (spec /operations); absent: the spec's conformance target (spec /operation). */
  operation?: string;
  labels: Record<string, string>;
  /** Query parameters by their wire names (Smithy @httpQuery). */
  query?: Record<string, string>;
  /** The JSON body (serialised with JSON.stringify) ... */
  body?: unknown;
  /** ... or raw text sent verbatim (malformed JSON). */
  rawBody?: string;
  /** Another HTTP method than the operation's, and a suffix to its path (requests no operation binds). */
  method?: string;
  pathSuffix?: string;
  violation?: Violation;
  /** For kind `unspecified`: the spec's /oracle/unspecified case id, or why the outcome is open. */
  unspecified?: string;
  /** For kind `unauthenticated`: how the signature is spoiled. */
  auth?: AuthMutation;
  /** Acts on the session that step `step` of the case created: its ProxySessionId goes into label `label`. */
  sessionFrom?: { step: number; label: string };
  /**
   * Acts on the voice connector that step `step` of the case created (spec /lifecycle/provision: its
   * createConnector operation): the connector's id goes into label `label`.
   */
  connectorFrom?: { step: number; label: string };
}

/**
 * What one fast-check run produces: usually one request; cross-session scenarios send several in order
 * and keep their sessions open until all are checked.
 */
export interface Case {
  family: string;
  steps: RequestCase[];
}

/**
 * A named generator of cases. Families are the unit of coverage and of replay: each has its own seed
 * derived from the run seed and its id, so `--family ID --seed S --path P` regenerates one case exactly.
 */
export interface CaseFamily {
  id: string;
  /** Human-readable: which member, which constraint, how. */
  title: string;
  kind: CaseKind;
  /** Spec constraint this family exercises, for coverage: `<member pointer>#<constraint>`. */
  covers?: string;
  arbitrary: import('fast-check').Arbitrary<Case>;
  /**
   * A deterministic family: exactly these cases, each once, whatever `--runs` (a systematic sweep, such as
   * every character a pattern forbids). A case's index is its replay `--path`; nothing is shrunk, since each
   * case is already the one violation it names. `arbitrary` then picks among them (for callers that sample).
   */
  cases?: readonly Case[];
  /**
   * Its cases create, change or delete voice connectors: only connectors they make themselves
   * (connectorFamilies.ts), yet a run that must not touch the account's connectors does not run them
   * (RunOptions.mayChangeConnectors); the report lists such a family as not run, with why.
   */
  changesConnectors?: boolean;
}
