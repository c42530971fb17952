import { createHash, createHmac, hash as oneShotHash } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentityProvider, Checksum, SourceData } from '@smithy/types';
import type { WireRequest } from './types.ts';

export type Signer = (request: WireRequest, options?: { signingDate?: Date }) => Promise<WireRequest>;

/**
 * SigV4 for every raw request (service signing name from the spec, e.g. `chime`), so the suite can
 * reach real AWS and emulators that check signatures. The signed copy carries Authorization,
 * X-Amz-Date, X-Amz-Content-Sha256 and, for temporary credentials, X-Amz-Security-Token; reports must
 * strip them (redactRequest).
 */
export function createSigner(options: { service: string; region: string; credentials: AwsCredentialIdentityProvider }): Signer {
  const signer = new SignatureV4({ service: options.service, region: options.region, credentials: options.credentials, sha256: Sha256, applyChecksum: true });
  return async (request, signOptions = {}) => {
    const url = new URL(request.url);
    const query: Record<string, string> = {};
    for (const [name, value] of url.searchParams) query[name] = value;
    const signed = await signer.sign(
      {
        method: request.method,
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port ? Number(url.port) : undefined,
        path: url.pathname,
        query,
        headers: { ...request.headers, host: url.host },
        body: request.body,
      },
      signOptions.signingDate ? { signingDate: signOptions.signingDate } : {},
    );
    const headers: Record<string, string> = {};
    for (const name in signed.headers) headers[name.toLowerCase()] = String(signed.headers[name]);
    return { ...request, headers };
  };
}

/**
 * SHA-256, and HMAC-SHA-256 when given a key, for the signer (its `sha256` option; @smithy/hash-node
 * does the same through a general wrapper). The signer hands each hash one string or byte array and
 * digests it once (payload, canonical request, key derivation, signature), so the data is kept and hashed
 * in one call at digest time: signing is about a fifth of the CPU of a case, and this is a sixth of that.
 */
class Sha256 implements Checksum {
  readonly #key: string | Uint8Array | undefined;
  #parts: (string | Uint8Array)[] = [];

  constructor(secret?: SourceData) {
    this.#key = secret === undefined ? undefined : bytesOf(secret);
  }

  update(data: Uint8Array): void {
    this.#parts.push(data);
  }

  digest(): Promise<Uint8Array> {
    const parts = this.#parts;
    const key = this.#key;
    if (key === undefined && parts.length === 1 && oneShotHash) return Promise.resolve(oneShotHash('sha256', parts[0]!, 'buffer'));
    // A text key is a secret access key (the signer's first HMAC, of the access key id, which it makes
    // on every request to look its signing key up) or one derived from it per day: the same few inputs
    // again and again, so their MACs are kept.
    const memo = typeof key === 'string' && parts.length === 1 ? `${key}\u0000${Buffer.from(parts[0]!).toString('latin1')}` : undefined;
    const known = memo === undefined ? undefined : macs.get(memo);
    if (known) return Promise.resolve(known);
    const h = key === undefined ? createHash('sha256') : createHmac('sha256', key);
    for (const part of parts) h.update(part);
    const digest = h.digest();
    if (memo !== undefined) {
      macs.set(memo, digest);
      if (macs.size > MACS_KEPT) macs.delete(macs.keys().next().value!);
    }
    return Promise.resolve(digest);
  }

  reset(): void {
    this.#parts = [];
  }
}

/** MACs under a text key (see Sha256.digest): a few per set of credentials and day. */
const macs = new Map<string, Buffer>();
const MACS_KEPT = 64;

function bytesOf(data: SourceData): string | Uint8Array {
  if (typeof data === 'string' || data instanceof Uint8Array) return data;
  return ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
}
