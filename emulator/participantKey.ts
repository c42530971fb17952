/**
 * Identity of a phone number for the proxy rules: two numbers are the same participant when they are
 * equal up to a leading '+' (E164PhoneNumber `^\+?...` makes the '+' optional; spec invariant
 * participants-echo compares the same way).
 */
export function participantKey(number: unknown): string {
  const text = String(number);
  // Without a regular expression: the proxy-number search calls this for every pool number it looks at.
  return text.charCodeAt(0) === 43 /* + */ ? text.slice(1) : text;
}
