import { describe, expect, it } from 'vitest';
import { defaultOperation } from '../src/spec/index.ts';
import { resolveEndpoint } from './resolveEndpoint.ts';

describe('resolveEndpoint: the endpoint, the AWS way', () => {
  const model = defaultOperation();
  const vc = { voiceConnectorId: 'abcdefghijklmnopqrstu' };

  it('--endpoint wins over every variable', () => {
    expect(resolveEndpoint(model, { endpoint: 'http://a', ...vc }, { AWS_ENDPOINT_URL_CHIME_SDK_VOICE: 'http://b', AWS_ENDPOINT_URL: 'http://c', AWS_REGION: 'eu-west-1' })).toEqual({ endpoint: 'http://a', source: '--endpoint' });
  });

  it('then the service-specific variable (from the spec sdkId), then AWS_ENDPOINT_URL, then the region', () => {
    expect(resolveEndpoint(model, vc, { AWS_ENDPOINT_URL_CHIME_SDK_VOICE: 'http://b', AWS_ENDPOINT_URL: 'http://c' }).endpoint).toBe('http://b');
    expect(resolveEndpoint(model, vc, { AWS_ENDPOINT_URL: 'http://c', AWS_REGION: 'eu-west-1' }).endpoint).toBe('http://c');
    expect(resolveEndpoint(model, vc, { AWS_REGION: 'eu-west-1' }).endpoint).toBe('https://voice-chime.eu-west-1.amazonaws.com');
    expect(resolveEndpoint(model, { ...vc, region: 'us-west-2' }, { AWS_REGION: 'eu-west-1' }).endpoint).toBe('https://voice-chime.us-west-2.amazonaws.com');
  });

  it('a bare run stays on the embedded emulator even when the shell exports AWS variables', () => {
    expect(resolveEndpoint(model, {}, { AWS_ENDPOINT_URL: 'http://c', AWS_REGION: 'eu-west-1' }).endpoint).toBeUndefined();
  });

  it('a --voice-connector-id with no endpoint or region to find it at is a usage error, not a run against the emulator', () => {
    expect(() => resolveEndpoint(model, vc, { AWS_PROFILE: 'sandbox' })).toThrow(/--voice-connector-id abcdefghijklmnopqrstu names a connector at an endpoint, but no endpoint was found: give --endpoint URL or --region NAME/);
  });
});
