import type { Finding } from './types.ts';

/**
 * default-expiry (advisory, spec /invariants): a session created without ExpiryMinutes gets the
 * connector's DefaultSessionExpiryMinutes, as GetVoiceConnectorProxy reports it.
 */
export function defaultExpiry(id: string, defaultMinutes: number, answered: unknown): Finding[] {
  if (answered === defaultMinutes) return [];
  const what = answered === undefined ? 'no ExpiryMinutes' : `ExpiryMinutes ${String(answered)}`;
  return [{ check: 'default-expiry', path: 'body/ProxySession/ExpiryMinutes', expected: defaultMinutes, actual: answered ?? '(absent)', message: `session ${id}, created without ExpiryMinutes, has ${what}; the connector's DefaultSessionExpiryMinutes is ${defaultMinutes}` }];
}
