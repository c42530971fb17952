import type { ProxyConfiguration } from './ConnectorStore.ts';

/**
 * The proxy configuration a validated PutVoiceConnectorProxy input sets (and the one spec
 * /lifecycle/provision/proxy gives the emulator's preconfigured connectors), in the Proxy shape's member
 * names: PhoneNumberPoolCountries is answered as PhoneNumberCountries, and Disabled is false unless set.
 */
export function proxyConfiguration(input: Readonly<Record<string, unknown>>): ProxyConfiguration {
  const countries = input.PhoneNumberPoolCountries;
  return {
    DefaultSessionExpiryMinutes: input.DefaultSessionExpiryMinutes as number,
    PhoneNumberCountries: Array.isArray(countries) ? countries.map(String) : [],
    ...(typeof input.FallBackPhoneNumber === 'string' ? { FallBackPhoneNumber: input.FallBackPhoneNumber } : {}),
    Disabled: input.Disabled === true,
  };
}
