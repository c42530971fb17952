/**
 * Legitimate behaviour choices. Every value of every field is *correct* per the oracle (docs/oracle.md, "The
 * oracle", and the checks' table): a checker must PASS the emulator under each of them. They exist so the
 * project can prove its checks do not encode one server's incidental choices.
 */
export interface Variant {
  /** Shape of ProxySessionId: 32 hex digits, a UUID, or a short id. NonEmptyString128 admits all three. */
  idFormat: 'hex' | 'uuid' | 'short';
  /**
   * Iso8601Timestamp (timestampFormat date-time) rendering: `2026-11-27T03:00:00.000Z`, or the same
   * instant as `2026-11-27T05:00:00+02:00` (RFC 3339 allows any offset and omits fractional seconds).
   */
  timestamps: 'millis-z' | 'offset-no-millis';
  /** Participants in the opposite order to the request (the AWS CLI example does this). */
  reverseParticipants: boolean;
  /** Capabilities in the opposite order (the AWS CLI example does this; the invariant compares as a set). */
  reverseCapabilities: boolean;
  /** Both participants of one session share a ProxyPhoneNumber, as in the AWS CLI example. */
  sameProxyForBoth: boolean;
  /** x-amzn-ErrorType carries a `:<namespace URI>` suffix, as Coral services send it. */
  errorTypeSuffix: boolean;
  /** Unknown members in ProxySession and at the top level; clients must ignore them. */
  extraMembers: boolean;
  /** ExpiryMinutes returned when none was sent (the AWS CLI example shows 60). */
  defaultExpiryMinutes: number | undefined;
  /**
   * Answer to the spec's /oracle/unspecified cases: `mixed` is the emulator's own choice per case
   * (see unspecifiedPolicy.ts); `accept` and `reject` flip every case that can sensibly go that way.
   */
  unspecified: 'mixed' | 'accept' | 'reject';
  /** PhoneNumber echoed with a leading '+' when the request had none (equal up to a leading '+'). */
  plusPrefix: boolean;
}

export const DEFAULT_VARIANT: Readonly<Variant> = Object.freeze({
  idFormat: 'hex',
  timestamps: 'millis-z',
  reverseParticipants: false,
  reverseCapabilities: false,
  sameProxyForBoth: false,
  errorTypeSuffix: false,
  extraMembers: false,
  defaultExpiryMinutes: undefined,
  unspecified: 'mixed',
  plusPrefix: false,
});
