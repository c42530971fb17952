import { STATUS_CODES } from 'node:http';
import type { OperationModel, SchemaViolation, UnspecifiedCaseSpec } from '../src/spec/index.ts';
import { UsageError } from '../src/errors.ts';
import { errorByStatus, type ErrorNames } from './errorNames.ts';
import { FAULT_NAMES, type FaultName } from './faults.ts';
import { CONNECTOR_FAULTS } from './connectorFaults.ts';
import { LIFECYCLE_FAULTS } from './lifecycleFaults.ts';
import { participantKey } from './participantKey.ts';
import type { ResponseParts } from './sendResponse.ts';
import { sessionEnumValue } from './sessionEnumValue.ts';
import type { ValidationFaults } from './validateInput.ts';

/** The instants a session reports. */
export interface SessionTimes {
  created: Date;
  updated: Date;
  ended?: Date;
}

/** An error response about to be sent, with its error name and the name of the error-type header. */
export interface ErrorResponse extends ResponseParts {
  name: string;
  header: string;
}

export type ProxySessionBody = Record<string, unknown>;

/** The name of the operation a request was routed to (spec /operation or /operations); undefined: no route matched. */
export type RoutedOperation = string | undefined;

/** What a throttling fault may know about a request it is about to answer. */
export interface ThrottleRequest {
  operation: RoutedOperation;
  /** Method, target and a hash of the body: equal for a request and its retries (which are re-signed). */
  fingerprint(): string;
}

/** An error that answers a request before the emulator looks at it (a throttling fault). */
export interface ThrottleAnswer {
  name: string;
  message: string;
  headers?: Record<string, string>;
}

/**
 * The points where a fault can change the emulator's behaviour. The handlers consult these and nothing
 * else; with no faults every hook is the identity (or the correct choice).
 */
export interface FaultHooks extends ValidationFaults {
  /**
   * Called once for every request, in order (as soon as its body is in), before the body is judged, the
   * signature checked or any state changed: an answer here is sent instead of anything else.
   */
  throttle(request: ThrottleRequest): ThrottleAnswer | undefined;
  /** Whether responses carry the spec's request-id header. */
  requestId: boolean;
  /** The error name malformed JSON is answered with, when a fault renames it. */
  malformedErrorName: string | undefined;
  /** How input that fails validation is answered. */
  onInvalid: 'error' | 'server-error' | 'hang' | 'reset';
  /** How a request no operation binds is answered, given its method and path. */
  onUnrouted(method: string, path: string): 'not-found' | 'server-error';
  /** How a valid request for an unknown voice connector is answered. */
  onUnknownConnector: 'not-found' | 'bad-request' | 'create';
  /** The connector a label that is not a known connector is served by, if any (accept-long-label). */
  resolveConnector(label: string, fallback: string): string | undefined;
  /** How Get, Update or Delete of an unknown session on a known connector is answered. */
  onUnknownSession: 'not-found' | 'bad-request';
  /** An unspecified case answered with a server error. */
  serverErrorOn(c: UnspecifiedCaseSpec): boolean;
  distinctPerParticipant: boolean;
  sessionId(generated: string): string;
  times(times: SessionTimes): SessionTimes;
  /** Replaces the Iso8601Timestamp rendering when set. */
  formatTimestamp: ((date: Date) => unknown) | undefined;
  /** The session CreateProxySession answers. */
  session(session: ProxySessionBody): ProxySessionBody;
  /** The session GetProxySession answers. */
  readSession(session: ProxySessionBody): ProxySessionBody;
  /** A success response of the named operation, about to be sent. */
  success(response: ResponseParts, operation: string): ResponseParts;
  /** Whether CreateProxySession stores the session it answers. */
  persistsSessions: boolean;
  /** Whether UpdateProxySession stores its changes. */
  updatesSessions: boolean;
  /** Whether this DeleteProxySession removes the session (delete-noop spares each session's first one). */
  deletes(session: object): boolean;
  /** Whether sessions past their ExpiryMinutes are closed (spec /lifecycle/expired). */
  expiresSessions: boolean;
  /** Whether a new session takes the id of the most recently deleted one. */
  reusesDeletedIds: boolean;
  /** Whether ListProxySessions leaves out the connector's newest session. */
  hidesNewestSession: boolean;
  /** The size of a ListProxySessions page, given the one the request's page-size member asked for (or the default). */
  listPageSize(asked: number): number;
  /** Whether ListProxySessions hands out a next-page token after the last page too (the same one again once past it). */
  endlessPaging: boolean;
  /** Whether NumberSelectionBehavior PreferSticky is honoured. */
  honoursSticky: boolean;
  /** Whether GeoMatchLevel and GeoMatchParams are honoured. */
  honoursGeo: boolean;
  /** The ExpiryMinutes of a session created without one, given the connector's DefaultSessionExpiryMinutes. */
  defaultExpiryMinutes(connectorDefault: number): number;
  error(response: ErrorResponse): ResponseParts;
}

/**
 * Combines the hooks of the given faults (spec-derived where a fault needs a limit). Unknown names are a
 * UsageError, since they come from flags and options.
 */
export function faultHooks(model: OperationModel, errors: ErrorNames, names: readonly string[] = []): FaultHooks {
  const parts = [...new Set(names)].map((name) => {
    if (!(FAULT_NAMES as readonly string[]).includes(name)) throw new UsageError(`unknown emulator fault "${name}"; known faults: ${FAULT_NAMES.join(', ')}`);
    return FAULTS[name as FaultName](model, errors);
  });
  const chain = <T>(pick: (p: Partial<FaultHooks>) => ((value: T) => T) | undefined) => (value: T) =>
    parts.reduce((v, p) => pick(p)?.(v) ?? v, value);
  const last = <K extends keyof FaultHooks>(key: K, fallback: FaultHooks[K]): FaultHooks[K] =>
    parts.reduce<FaultHooks[K]>((v, p) => (p[key] !== undefined ? (p[key] as FaultHooks[K]) : v), fallback);
  return {
    // Every part sees every request (map, not find), so counting faults stay in step when combined.
    throttle: (request) => parts.map((p) => p.throttle?.(request)).find((answer) => answer !== undefined),
    ignoresViolation: (v, operation, input) => parts.some((p) => p.ignoresViolation?.(v, operation, input) ?? false),
    extraViolation: (input, operation) => parts.reduce<SchemaViolation | undefined>((found, p) => found ?? p.extraViolation?.(input, operation), undefined),
    requestId: parts.every((p) => p.requestId ?? true),
    malformedErrorName: last('malformedErrorName', undefined),
    onInvalid: last('onInvalid', 'error'),
    onUnrouted: (method, path) => (parts.some((p) => p.onUnrouted?.(method, path) === 'server-error') ? 'server-error' : 'not-found'),
    onUnknownConnector: last('onUnknownConnector', 'not-found'),
    resolveConnector: (label, fallback) => parts.reduce<string | undefined>((found, p) => found ?? p.resolveConnector?.(label, fallback), undefined),
    onUnknownSession: last('onUnknownSession', 'not-found'),
    serverErrorOn: (c) => parts.some((p) => p.serverErrorOn?.(c) ?? false),
    distinctPerParticipant: parts.every((p) => p.distinctPerParticipant ?? true),
    sessionId: chain((p) => p.sessionId),
    times: chain((p) => p.times),
    formatTimestamp: last('formatTimestamp', undefined),
    session: chain((p) => p.session),
    readSession: chain((p) => p.readSession),
    success: (response, operation) => parts.reduce((r, p) => p.success?.(r, operation) ?? r, response),
    persistsSessions: parts.every((p) => p.persistsSessions ?? true),
    updatesSessions: parts.every((p) => p.updatesSessions ?? true),
    deletes: (session) => parts.every((p) => p.deletes?.(session) ?? true),
    expiresSessions: parts.every((p) => p.expiresSessions ?? true),
    reusesDeletedIds: parts.some((p) => p.reusesDeletedIds ?? false),
    hidesNewestSession: parts.some((p) => p.hidesNewestSession ?? false),
    listPageSize: chain((p) => p.listPageSize),
    endlessPaging: parts.some((p) => p.endlessPaging ?? false),
    honoursSticky: parts.every((p) => p.honoursSticky ?? true),
    honoursGeo: parts.every((p) => p.honoursGeo ?? true),
    defaultExpiryMinutes: chain((p) => p.defaultExpiryMinutes),
    error: (response) => parts.reduce<ErrorResponse>((r, p) => (p.error ? { ...r, ...p.error(r) } : r), response),
  };
}

/** One fault's hooks, built once per emulator from the spec (and the error names read from it). */
export type Fault = (model: OperationModel, errors: ErrorNames) => Partial<FaultHooks>;

const at = (path: string | RegExp, ...keywords: string[]) => (v: SchemaViolation) =>
  (typeof path === 'string' ? v.path === path : path.test(v.path)) && keywords.includes(v.keyword);

/**
 * The catalogue's validation and success faults predate the other operations and break
 * CreateProxySession only (spec /operation): each stays one defect, and the lifecycle faults break the
 * other operations one at a time.
 */
const onCreate = (model: OperationModel, ignores: (v: SchemaViolation) => boolean) => (v: SchemaViolation, operation: string) => operation === model.name && ignores(v);
const extraOnCreate =
  (model: OperationModel, extra: (input: Readonly<Record<string, unknown>>) => SchemaViolation | undefined) =>
  (input: Readonly<Record<string, unknown>>, operation: string) =>
    operation === model.name ? extra(input) : undefined;
const successOnCreate = (model: OperationModel, change: (r: ResponseParts) => ResponseParts) => (r: ResponseParts, operation: string) =>
  operation === model.name ? change(r) : r;

const MINUTE = 60_000;

/** One entry per fault of the catalogue (faults.ts); the Record type makes a missing one a type error. */
const FAULTS: Record<FaultName, Fault> = {
  ...LIFECYCLE_FAULTS,
  ...CONNECTOR_FAULTS,
  'no-request-id': () => ({ requestId: false }),
  'serialization-exception-for-malformed': () => ({ malformedErrorName: 'SerializationException' }),
  'throttle-third': (model) => {
    // The names come from the spec's errors by status; a spec without them fails at start-up.
    const throttled = errorByStatus(model, 429);
    const unavailable = errorByStatus(model, 503);
    let requests = 0;
    let throttles = 0;
    let due = false;
    // Fingerprints (method, path, body) of the newest throttled requests. A request like one of them is
    // let through, however often: the server cannot tell a retry from a twin (two cases may send the same
    // body at once), and consuming the entry on the twin would let the retry be throttled again.
    const throttledRecently: string[] = [];
    return {
      throttle: (request) => {
        const fingerprint = request.fingerprint();
        if (++requests % 3 === 0) due = true;
        // Every third request is throttled, except that one like a recently throttled request (its retry)
        // is let through and the throttle falls on the next new request instead. A sequential client of
        // distinct requests sees exactly every third one throttled; a concurrent one (whose retries can
        // land on any count) is never throttled twice for one request, so "a client that retries passes"
        // holds at any concurrency, not only usually.
        if (!due || throttledRecently.includes(fingerprint)) return undefined;
        due = false;
        throttledRecently.push(fingerprint);
        if (throttledRecently.length > 64) throttledRecently.shift();
        return throttles++ % 2 === 0
          ? { name: throttled, message: 'Rate exceeded', headers: { 'retry-after': '0' } }
          : { name: unavailable, message: 'The service is temporarily unavailable; retry the request' };
      },
    };
  },
  'throttle-always': (model) => {
    const throttled = errorByStatus(model, 429);
    return { throttle: ({ operation }) => (operation === model.name ? { name: throttled, message: 'Rate exceeded' } : undefined) };
  },
  'accept-name-too-long': (model) => ({ ignoresViolation: onCreate(model, at('/Name', 'pattern')) }),
  'accept-expiry-below-min': (model) => ({ ignoresViolation: onCreate(model, at('/ExpiryMinutes', 'minimum')) }),
  'accept-unknown-capability': (model) => ({ ignoresViolation: onCreate(model, at(/^\/Capabilities\/\d+$/, 'enum')) }),
  'accept-wrong-participant-count': (model) => ({ ignoresViolation: onCreate(model, at('/ParticipantPhoneNumbers', 'minItems', 'maxItems')) }),
  'accept-bad-phone-number': (model) => ({ ignoresViolation: onCreate(model, at(/^\/ParticipantPhoneNumbers\/\d+$/, 'pattern')) }),
  'accept-missing-capabilities': (model) => ({ ignoresViolation: onCreate(model, at('/Capabilities', 'required')) }),
  'accept-partial-geo-params': (model) => ({ ignoresViolation: onCreate(model, at(/^\/GeoMatchParams\/[^/]+$/, 'required')) }),
  'accept-wrong-json-type': (model) => ({ ignoresViolation: onCreate(model, (v) => v.keyword === 'type') }),
  'accept-long-label': (model) => {
    const tooLong = at('/VoiceConnectorId', 'maxLength');
    return {
      // Every operation: the session this creates must be readable and deletable under the same label.
      ignoresViolation: tooLong,
      // The over-long id is served by the default connector (so the session is created, 201, and can be deleted).
      resolveConnector: (label, fallback) => (model.validateInput({ VoiceConnectorId: label }).some(tooLong) ? fallback : undefined),
    };
  },
  'accept-label-one-too-long': (model) => {
    // An off-by-one in the label's @length check (NonEmptyString128 max): exactly one character too many passes.
    const tooLong = at('/VoiceConnectorId', 'maxLength');
    const shape = model.shape(model.input.members.VoiceConnectorId?.target ?? '');
    const max = shape.type === 'string' ? shape.length?.max : undefined;
    const oneTooLong = (label: unknown) => max !== undefined && typeof label === 'string' && [...label].length === max + 1;
    return {
      // Every operation, as accept-long-label: the session this creates must be deletable under the same label.
      ignoresViolation: (v, _operation, input) => tooLong(v) && oneTooLong(input.VoiceConnectorId),
      resolveConnector: (label, fallback) => (oneTooLong(label) ? fallback : undefined),
    };
  },
  'name-accepts-punctuation': (model) => {
    // ProxySessionNameString's class written with '_' and '-' in it as well (as VoiceConnectorName's is).
    const pattern = patternOf(model, 'Name');
    const admitted = ['a', 'A', '0', ' '].find((c) => pattern?.test(c));
    const widened = (name: unknown) => typeof name === 'string' && /[_-]/.test(name) && admitted !== undefined && pattern!.test(name.replace(/[_-]/g, admitted));
    return { ignoresViolation: (v, operation, input) => operation === model.name && at('/Name', 'pattern')(v) && widened(input.Name) };
  },
  'country-accepts-lowercase': (model) => {
    // GeoMatchParams/Country compared case-insensitively: 'us' passes as 'US'.
    const pattern = patternOf(model, 'GeoMatchParams', 'Country');
    const folded = (country: unknown) => typeof country === 'string' && pattern !== undefined && pattern.test(country.toUpperCase());
    return { ignoresViolation: (v, operation, input) => operation === model.name && at('/GeoMatchParams/Country', 'pattern')(v) && folded(memberOf(input, 'GeoMatchParams', 'Country')) };
  },
  'area-code-parsed-as-number': (model) => {
    // GeoMatchParams/AreaCode judged by Number() and its length instead of by its pattern: any text JavaScript
    // reads as a whole number passes if it is as long as a valid area code ('1.0', '1e2', '0x1', ' 12', '+12').
    const pattern = patternOf(model, 'GeoMatchParams', 'AreaCode');
    const numeric = (code: unknown) =>
      typeof code === 'string' && code.trim() !== '' && Number.isInteger(Number(code)) && pattern !== undefined && pattern.test('0'.repeat([...code].length));
    return { ignoresViolation: (v, operation, input) => operation === model.name && at('/GeoMatchParams/AreaCode', 'pattern')(v) && numeric(memberOf(input, 'GeoMatchParams', 'AreaCode')) };
  },
  'reject-longest-name': (model) => {
    const longest = longestAccepted(patternOf(model, 'Name'));
    return {
      extraViolation: extraOnCreate(model, (input) =>
        longest !== undefined && typeof input.Name === 'string' && [...input.Name].length === longest
          ? { path: '/Name', keyword: 'pattern', message: `must be shorter than ${longest} characters` }
          : undefined,
      ),
    };
  },
  'reject-min-expiry': (model) => {
    const shape = model.shape(model.input.members.ExpiryMinutes?.target ?? '');
    const min = shape.type === 'integer' ? shape.range?.min : undefined;
    return {
      extraViolation: extraOnCreate(model, (input) =>
        min !== undefined && input.ExpiryMinutes === min ? { path: '/ExpiryMinutes', keyword: 'minimum', message: `must be > ${min}` } : undefined,
      ),
    };
  },
  'reject-plusless-numbers': (model) => ({
    extraViolation: extraOnCreate(model, (input) => {
      const numbers = Array.isArray(input.ParticipantPhoneNumbers) ? input.ParticipantPhoneNumbers : [];
      const index = numbers.findIndex((n) => typeof n === 'string' && !n.startsWith('+'));
      return index < 0 ? undefined : { path: `/ParticipantPhoneNumbers/${index}`, keyword: 'pattern', message: 'must start with "+"' };
    }),
  }),
  'success-200': (model) => ({ success: successOnCreate(model, (r) => ({ ...r, status: 200 })) }),
  'success-text-plain': (model) => ({ success: successOnCreate(model, (r) => ({ ...r, headers: { ...r.headers, 'content-type': 'text/plain' } })) }),
  'epoch-timestamps': () => ({ formatTimestamp: (date) => date.getTime() / 1000 }),
  'one-participant': () => ({ session: (s) => ({ ...s, Participants: participantsOf(s).slice(0, 1) }) }),
  'proxy-is-participant': () => ({
    session: (s) => ({
      ...s,
      Participants: participantsOf(s).map((p, i) => (i === 0 ? { ...p, ProxyPhoneNumber: `+${participantKey(p.PhoneNumber)}` } : p)),
    }),
  }),
  'wrong-connector-echo': () => ({
    session: (s) => {
      const id = String(s.VoiceConnectorId);
      return { ...s, VoiceConnectorId: `${id.slice(0, -1)}${id.endsWith('0') ? '1' : '0'}` };
    },
  }),
  'status-in-progress': (model) => {
    const status = sessionEnumValue(model, 'Status', 'InProgress');
    return { session: (s) => ({ ...s, Status: status }) };
  },
  'name-not-echoed': () => ({
    session: (s) => {
      if (typeof s.Name !== 'string' || s.Name === '') return s;
      const reversed = [...s.Name].reverse().join('');
      return { ...s, Name: reversed !== s.Name ? reversed : s.Name.slice(0, -1) };
    },
  }),
  'capabilities-not-echoed': () => ({
    session: (s) => (Array.isArray(s.Capabilities) && s.Capabilities.length > 1 ? { ...s, Capabilities: s.Capabilities.slice(0, 1) } : s),
  }),
  'drops-geo-match-params': (model) => {
    // The create's one structure-valued body member (GeoMatchParams): stored, and Get and List show it.
    const member = Object.entries(model.bodyMembers).find(([, m]) => model.shape(m.target).type === 'structure')?.[0];
    if (member === undefined) throw new Error('the spec gives the create input no structure member for drops-geo-match-params');
    return { session: (s) => Object.fromEntries(Object.entries(s).filter(([k]) => k !== member)) };
  },
  'reuse-proxy-number': () => ({ distinctPerParticipant: false }),
  'constant-session-id': () => {
    let first: string | undefined;
    return { sessionId: (generated) => (first ??= generated) };
  },
  'stale-created-timestamp': () => ({
    times: (t) => ({ ...t, created: new Date(t.created.getTime() - 120 * MINUTE), updated: new Date(t.updated.getTime() - 120 * MINUTE) }),
  }),
  'updated-before-created': () => ({ times: (t) => ({ ...t, updated: new Date(t.created.getTime() - MINUTE) }) }),
  'ended-timestamp': () => ({ times: (t) => ({ ...t, ended: t.created }) }),
  'no-error-type-header': () => ({ error: (r) => ({ ...r, headers: without(r.headers, r.header.toLowerCase()) }) }),
  'wrong-error-type': (_, errors) => ({
    error: (r) => (r.name === errors.invalid ? { ...r, headers: { ...r.headers, [r.header.toLowerCase()]: 'ValidationException' } } : r),
  }),
  'error-status-mismatch': (_, errors) => ({ error: (r) => (r.name === errors.invalid ? { ...r, status: 422 } : r) }),
  'non-json-error-body': () => ({
    error: (r) => ({ ...r, headers: { ...r.headers, 'content-type': 'text/plain' }, body: STATUS_CODES[r.status] ?? 'Error' }),
  }),
  'bad-error-code-member': () => ({
    error: (r) => ({ ...r, body: JSON.stringify({ ...(JSON.parse(r.body) as Record<string, unknown>), Code: 'Banana' }) }),
  }),
  'server-error-on-invalid': () => ({ onInvalid: 'server-error' }),
  'server-error-on-unrouted': () => ({ onUnrouted: () => 'server-error' }),
  'session-id-label-unchecked': (model) => {
    // The label the cleanup operation (spec /cleanup) has beyond the create's: ProxySessionId.
    const cleanup = model.operation(model.spec.cleanup.operation);
    const label = cleanup.labels.find((l) => !model.labels.includes(l));
    return { ignoresViolation: (v, operation) => operation !== model.name && label !== undefined && v.path === `/${label}` };
  },
  'unknown-connector-400': () => ({ onUnknownConnector: 'bad-request' }),
  'unknown-connector-201': () => ({ onUnknownConnector: 'create' }),
  'hang-on-invalid': () => ({ onInvalid: 'hang' }),
  'reset-on-invalid': () => ({ onInvalid: 'reset' }),
  'huge-success-body': (model) => ({ success: successOnCreate(model, (r) => ({ ...r, body: r.body + ' '.repeat(2 * 1024 * 1024 + 1) })) }),
  'server-error-on-unspecified': () => ({
    // The cases an unchecked server would trip over: an empty list (value: []) and a number above the
    // documented usage (above), i.e. capabilities-empty and the ExpiryMinutes threshold case.
    serverErrorOn: (c) => c.above !== undefined || (Array.isArray(c.value) && c.value.length === 0),
  }),
};

interface ParticipantBody {
  PhoneNumber?: unknown;
  ProxyPhoneNumber?: unknown;
}

function participantsOf(session: ProxySessionBody): ParticipantBody[] {
  return Array.isArray(session.Participants) ? (session.Participants as ParticipantBody[]) : [];
}

function without(headers: Record<string, string>, name: string): Record<string, string> {
  const { [name]: _, ...rest } = headers;
  return rest;
}

/** The @pattern of an input member's target shape, or of a member nested in it (`'GeoMatchParams', 'Country'`). */
function patternOf(model: OperationModel, member: string, ...nested: string[]): RegExp | undefined {
  let shape = model.shape(model.input.members[member]?.target ?? '');
  for (const name of nested) {
    const next = shape.type === 'structure' ? shape.members[name] : undefined;
    if (next === undefined) return undefined;
    shape = model.shape(next.target);
  }
  return shape.type === 'string' && shape.pattern !== undefined ? new RegExp(shape.pattern, 'u') : undefined;
}

/** The value of a (nested) input member, if every structure on the way is there. */
function memberOf(input: Readonly<Record<string, unknown>>, ...names: string[]): unknown {
  return names.reduce<unknown>((value, name) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined), input);
}

/**
 * The longest string length a pattern admits, found by trying it: the longest run of one accepted
 * character, up to a cap beyond which the pattern is taken to have no maximum (undefined).
 */
function longestAccepted(pattern: RegExp | undefined, cap = 4096): number | undefined {
  if (!pattern) return undefined;
  const char = ['a', 'A', '0', 'z', 'Z', '9', ' ', '_', '-'].find((c) => pattern.test(c));
  if (char === undefined) return undefined;
  let length = 1;
  while (length < cap && pattern.test(char.repeat(length + 1))) length++;
  return length < cap ? length : undefined;
}
