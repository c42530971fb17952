import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { WireRequest } from './types.ts';

export type Signer = (request: WireRequest, options?: { signingDate?: Date }) => Promise<WireRequest>;

/**
 * SigV4 for every raw request (service signing name from the spec, e.g. `chime`), so the suite can
 * reach real AWS and emulators that check signatures. The signed copy carries Authorization,
 * X-Amz-Date, X-Amz-Content-Sha256 and, for temporary credentials, X-Amz-Security-Token; reports must
 * strip them (redactRequest).
 */
export function createSigner(options: { service: string; region: string; credentials: AwsCredentialIdentityProvider }): Signer {
  const signer = new SignatureV4({ service: options.service, region: options.region, credentials: options.credentials, sha256: Hash.bind(null, 'sha256'), applyChecksum: true });
  return async (request, signOptions = {}) => {
    const url = new URL(request.url);
    const signed = await signer.sign(
      {
      method: request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...request.headers, host: url.host },
      body: request.body,
      },
      signOptions.signingDate ? { signingDate: signOptions.signingDate } : {},
    );
    return { ...request, headers: Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), String(v)])) };
  };
}
