/**
 * The fault catalogue: deliberate, realistic single defects the emulator can be started with, so the
 * project's own tests can prove that each check is able to fail (a check that cannot fail is worth nothing). The unbroken
 * emulator has none of them; their behaviour lives in faultHooks.ts.
 */
const CATALOGUE = {
  'accept-name-too-long': 'Name pattern (ProxySessionNameString @pattern) not enforced: an over-long Name is accepted',
  'accept-expiry-below-min': 'ExpiryMinutes range (PositiveInteger @range min) not enforced',
  'accept-unknown-capability': 'Capability enum not enforced: an unknown capability is accepted and echoed',
  'accept-wrong-participant-count': 'ParticipantPhoneNumberList @length not enforced',
  'accept-bad-phone-number': 'E164PhoneNumber @pattern not enforced on ParticipantPhoneNumbers',
  'accept-missing-capabilities': '@required Capabilities not enforced',
  'accept-partial-geo-params': 'GeoMatchParams @required Country/AreaCode not enforced',
  'accept-wrong-json-type': 'JSON type errors not enforced (e.g. ExpiryMinutes "5")',
  'accept-long-label': 'VoiceConnectorId @length not enforced: an over-long label creates the session on the default connector (201)',
  'accept-label-one-too-long': 'off-by-one: a VoiceConnectorId one character longer than NonEmptyString128 @length max passes (served by the default connector, 201)',
  'name-accepts-punctuation': "Name (ProxySessionNameString @pattern) also admits '_' and '-', as if its class were VoiceConnectorName's",
  'country-accepts-lowercase': "GeoMatchParams/Country (Country @pattern) compared case-insensitively: 'us' is accepted",
  'area-code-parsed-as-number': "GeoMatchParams/AreaCode (AreaCode @pattern) judged with Number(): any whole number of the right length passes ('0.0', '1e2', '0x1', ' 12')",
  'reject-longest-name': 'off-by-one: a Name of exactly the longest length the pattern admits is rejected',
  'reject-min-expiry': 'off-by-one: ExpiryMinutes equal to the range minimum is rejected',
  'reject-plusless-numbers': 'participant numbers without a leading "+" are rejected although E164PhoneNumber makes it optional',
  'success-200': 'a created session is answered 200 instead of the modelled 201',
  'success-text-plain': 'the success body is labelled Content-Type text/plain',
  'epoch-timestamps': 'timestamps are epoch-second numbers instead of date-time strings',
  'one-participant': 'only the first participant is returned',
  'proxy-is-participant': "a participant's ProxyPhoneNumber is its own number",
  'wrong-connector-echo': 'ProxySession.VoiceConnectorId differs from the path label',
  'status-in-progress': 'a new session has Status InProgress instead of Open',
  'name-not-echoed': 'a non-empty Name comes back altered (reversed, or truncated when reversing does not change it)',
  'capabilities-not-echoed': 'only the first capability is returned when several were sent',
  'drops-geo-match-params': 'GeoMatchParams sent with a create is stored but left out of the answered ProxySession (the opt-in echo-complete check reports it; the run passes without --strict)',
  'reuse-proxy-number': 'a participant gets the same proxy number in every session (no per-participant distinctness)',
  'constant-session-id': 'every session gets the same ProxySessionId (a new one replaces the old)',
  'stale-created-timestamp': 'CreatedTimestamp and UpdatedTimestamp are 2 hours in the past',
  'updated-before-created': 'UpdatedTimestamp is 1 minute before CreatedTimestamp',
  'ended-timestamp': 'a new session carries an EndedTimestamp',
  'no-error-type-header': 'errors omit the x-amzn-ErrorType header',
  'wrong-error-type': 'invalid-input errors are named ValidationException, which the operation does not model',
  'error-status-mismatch': 'BadRequestException is sent with status 422',
  'non-json-error-body': 'error bodies are text/plain reason phrases ("Bad Request")',
  'bad-error-code-member': 'error bodies carry Code "Banana", outside the ErrorCode enum',
  'server-error-on-invalid': 'invalid input is answered 500 ServiceFailureException instead of 400',
  'server-error-on-unrouted': 'a request no operation binds (another method on a known path, an unknown path) is answered 500 ServiceFailureException instead of a 4xx',
  'session-id-label-unchecked': "Get, Update and Delete do not enforce the ProxySessionId label's @length and @pattern: an over-long or blank id is looked up and answered 404 NotFoundException instead of 400",
  'unknown-connector-400': 'an unknown voice connector is answered 400 BadRequestException instead of 404',
  'unknown-connector-201': 'an unknown voice connector is created on first use and the session succeeds',
  'hang-on-invalid': 'a request that fails validation is never answered (the socket stays open until close())',
  'reset-on-invalid': 'a request that fails validation gets its connection destroyed',
  'huge-success-body': 'the success body is padded with more than 2 MiB of whitespace',
  'server-error-on-unspecified': '500 on empty Capabilities and on ExpiryMinutes above the unspecified threshold',
  'no-request-id': 'responses carry no x-amzn-RequestId (the advisory request-id check reports it; the run still passes)',
  'serialization-exception-for-malformed': 'malformed JSON is answered 400 SerializationException (legitimate, but the advisory malformed-error-name check reports it)',
  'throttle-third': 'every third request, before any validation, is throttled: alternately 429 ThrottledClientException (Retry-After: 0) and 503 ServiceUnavailableException; the retry of a throttled request is let through (legitimate: a client that retries passes)',
  'throttle-always': 'every create request is answered 429 ThrottledClientException (a service that is fully rate-limiting)',
  // The session lifecycle and the connector's proxy set-up.
  'session-not-persisted': 'CreateProxySession answers 201 as usual but stores nothing: Get, Update and Delete answer 404 and List omits it',
  'get-wrong-participants': "GetProxySession answers the session with the second participant's PhoneNumber replaced by another fictional number",
  'delete-noop': "DeleteProxySession answers 204 but the session stays (Open); only a session's second delete removes it",
  'list-missing-session': "ListProxySessions leaves out the connector's most recently created session",
  'list-ignores-max-results': "ListProxySessions ignores max-results: every page is as long as ResultMax's @range admits (100)",
  'list-token-forever': 'ListProxySessions hands out a NextToken after its last page too, and past the end the same token again, so following the tokens never ends',
  'update-ignored': 'UpdateProxySession answers 201 with the session unchanged and stores nothing',
  'update-200': 'UpdateProxySession answers 200 instead of the modelled 201',
  'delete-200': 'DeleteProxySession answers 200 with body {} instead of the modelled 204',
  'expired-still-open': 'sessions never expire: past their ExpiryMinutes they stay Open without an EndedTimestamp',
  'session-id-reused': 'a new session takes the ProxySessionId of the most recently deleted session',
  'unknown-session-400': 'Get, Update and Delete of an unknown session id answer 400 BadRequestException instead of 404',
  'update-accepts-missing-capabilities': 'UpdateProxySession without Capabilities (@required) is accepted, the capabilities unchanged',
  'list-accepts-bad-max-results': "ListProxySessions accepts max-results outside ResultMax's @range (clamped into it)",
  'list-accepts-unknown-status': 'ListProxySessions ignores a status outside the ProxySessionStatus enum and lists every session',
  'sticky-ignored': 'NumberSelectionBehavior PreferSticky is ignored: numbers are chosen round-robin as for AvoidSticky',
  'geo-ignored': 'GeoMatchLevel and GeoMatchParams are ignored when proxy numbers are chosen',
  'default-expiry-ignored': "a session created without ExpiryMinutes gets 720 (the unspecified-case threshold) instead of the connector's DefaultSessionExpiryMinutes",
} as const satisfies Record<string, string>;

export type FaultName = keyof typeof CATALOGUE;

/** Every fault name, in catalogue order. */
export const FAULT_NAMES: readonly FaultName[] = Object.freeze(Object.keys(CATALOGUE) as FaultName[]);

/** One line per fault saying what the defect is. */
export const FAULT_DESCRIPTIONS: Readonly<Record<FaultName, string>> = Object.freeze({ ...CATALOGUE });
