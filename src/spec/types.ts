/**
 * The spec file's shape, as validated by metaSchema.ts. These mirror the Smithy model's shapes and traits
 * (chime-sdk-voice.smithy.json) so the spec can be compared with it trait by trait.
 */
export type Source = 'model' | 'botocore' | 'seed' | 'example' | 'design';

export interface HttpBinding {
  method: string;
  uri: string;
  code: number;
}

export interface MemberSpec {
  target: string;
  required?: boolean;
  /**
   * `label`: bound to the URI path (Smithy @httpLabel); `query`: a query parameter named `queryName`
   * (Smithy @httpQuery); otherwise a JSON body member.
   */
  location?: 'label' | 'query';
  queryName?: string;
}

export interface LengthTrait {
  min?: number;
  max?: number;
}

export interface RangeTrait {
  min?: number;
  max?: number;
}

export interface FictionalNumberShape {
  shape: string;
  /** Anchored pattern of numbers no subscriber can own. */
  pattern: string;
  why: string;
}

interface ShapeBase {
  source: Source;
}

export interface StructureShape extends ShapeBase {
  type: 'structure';
  members: Record<string, MemberSpec>;
}

export interface ListShape extends ShapeBase {
  type: 'list';
  member: string;
  length?: LengthTrait;
}

export interface StringShape extends ShapeBase {
  type: 'string';
  length?: LengthTrait;
  pattern?: string;
  sensitive?: boolean;
  stricterPattern?: { pattern: string; source: Source };
  fictional?: FictionalNumberShape[];
}

export interface IntegerShape extends ShapeBase {
  type: 'integer';
  range?: RangeTrait;
}

export interface EnumShape extends ShapeBase {
  type: 'enum';
  values: string[];
}

export interface TimestampShape extends ShapeBase {
  type: 'timestamp';
  timestampFormat: 'date-time';
}

export interface BooleanShape extends ShapeBase {
  type: 'boolean';
}

export type Shape = StructureShape | ListShape | StringShape | IntegerShape | EnumShape | TimestampShape | BooleanShape;

export interface ErrorSpec {
  status: number;
  fault: 'client' | 'server';
  source: Source;
}

export interface UnspecifiedCaseSpec {
  id: string;
  /** The operation whose input the case is about; absent: the conformance target (spec /operation). */
  operation?: string;
  member?: string;
  why: string;
  value?: unknown;
  duplicate?: boolean;
  above?: number;
  below?: number;
  nullOptional?: boolean;
  identical?: boolean;
  emptyStrings?: boolean;
  breaksStricterPattern?: boolean;
}

/** Constraint kinds a must-reject case can break. The first five are Smithy constraint traits. */
export type ConstraintKind = 'required' | 'length' | 'pattern' | 'range' | 'enum' | 'type' | 'syntax';

export interface OracleSpec {
  constraintViolation: { status: number; error: string; constraints: ConstraintKind[]; source: Source };
  malformedInput: { status: number; constraints: ConstraintKind[]; source: Source };
  /**
   * Requests the protocol itself gets wrong (generators/malformedHttpFamilies.ts): a body padded past
   * `oversizeBodyBytes`, each of `methods` that no operation binds on a known path, a path with
   * `unknownPathSegment` that no operation binds. Their answer is unspecified, but never a server error.
   */
  malformedHttp: { oversizeBodyBytes: number; methods: string[]; unknownPathSegment: string; source: Source };
  unknownVoiceConnector: { status: number; error: string; source: Source };
  unknownProxySession: { status: number; error: string; source: Source };
  unauthenticated: { errors: string[]; source: Source };
  unspecified: { source: Source; cases: UnspecifiedCaseSpec[] };
}

export type InvariantStrength = 'required' | 'opt-in' | 'advisory';

export interface InvariantSpec {
  id: string;
  strength: InvariantStrength;
  evidence: string;
  source: Source;
  toleranceSeconds?: number;
}

export interface Spec {
  specVersion: 1;
  service: {
    name: string;
    sdkId: string;
    protocol: 'restJson1';
    signingName: string;
    endpoint: string;
    source: Source;
    deprecation?: { since: string; source: Source };
  };
  operation: { name: string; http: HttpBinding; input: string; output: string; errors: string[]; source: Source };
  /** The sibling operations (the lifecycle and the connector's proxy set-up), by name. */
  operations: Record<string, OperationSpec>;
  /** Which of /operations deletes what the suites create. */
  cleanup: { operation: string; source: Source };
  shapes: Record<string, Shape>;
  errors: Record<string, ErrorSpec>;
  errorContract: { header: string; requestIdHeader: string; bodyMembers: Record<string, string>; source: Source };
  retry: { errors: string[]; maxAttempts: number; baseDelayMs: number; maxDelayMs: number; source: Source };
  oracle: OracleSpec;
  lifecycle: LifecycleSpec;
  invariants: InvariantSpec[];
  /** Judging clients (`conformance client`); optional, so a spec for endpoints only need not have it. */
  clients?: ClientsSpec;
}

/** What `conformance client` answers a client's calls with and judges it by (spec /clients). */
export interface ClientsSpec {
  /** Attempts a client must at least make at a call answered with /retry/errors. */
  minAttempts: number;
  scenarios: { throttles: number; retryAfterSeconds: number; slowAnswerMs: number; pages: { sessions: number; pageSize: number }; source: Source };
  /** The mean wait before a retry: at least `turnarounds` median turnarounds and minMeanMs, judged from minRetries retries on. */
  backoff: { turnarounds: number; minMeanMs: number; minRetries: number };
  retryAfterSlackMs: number;
  clockSkewSeconds: number;
  checks: InvariantSpec[];
  source: Source;
}

export interface OperationSpec {
  http: HttpBinding;
  input: string;
  /** Absent: the operation answers with no body (Smithy's Unit). */
  output?: string;
  errors: string[];
  /** A paginated operation: its token members and the output list (Smithy @paginated). */
  paging?: { inputToken: string; outputToken: string; items: string; pageSize: string };
  source: Source;
}

export interface LifecycleSpec {
  consistency: { attempts: number; delayMs: number; maxDelayMs: number; source: Source };
  expired: { status: string; endedMember: string; slackSeconds: number; source: Source };
  listing: { maxPages: number; source: Source };
  cleanupAttempts: { deletes: number; source: Source };
  geoMatch: { callingCodes: Record<string, string>; source: Source };
  provision: {
    connector: Record<string, unknown>;
    proxy: Record<string, unknown>;
    /** The operations (of /operations) that make and remove a connector and its proxy configuration. */
    operations: { createConnector: string; putProxy: string; deleteProxy: string; deleteConnector: string };
    /** JSON pointer into createConnector's output: the new connector's id. */
    connectorId: string;
    source: Source;
  };
  source: Source;
}
