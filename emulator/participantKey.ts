/**
 * Identity of a phone number for the proxy rules: two numbers are the same participant when they are
 * equal up to a leading '+' (E164PhoneNumber `^\+?...` makes the '+' optional; spec invariant
 * participants-echo compares the same way).
 */
export function participantKey(number: unknown): string {
  return String(number).replace(/^\+/, '');
}
