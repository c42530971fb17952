import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HeaderBag, QueryParameterBag } from '@smithy/types';

/** One pair of test credentials the emulator accepts; with a sessionToken they are temporary credentials. */
export interface TestCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** EmulatorOptions.signatures: SigV4 verification against configured test credentials. */
export interface SignatureOptions {
  credentials: TestCredentials[];
  /** Pins the credential-scope region; without it any region in the scope is accepted. */
  region?: string;
  /** How far X-Amz-Date may be from the server clock, either way. Default 300 (AWS's 5 minutes). */
  maxSkewSeconds?: number;
}

/** A request as the server received it, before anything was decoded. */
export interface ReceivedRequest {
  method: string;
  /** The request target as received (origin- or absolute-form): path still percent-encoded, query included. */
  target: string;
  /** Header values by name (any case); a repeated header as a list of its values in arrival order. */
  headers: Readonly<Record<string, string | readonly string[]>>;
  /** The raw body bytes. */
  body: Uint8Array;
}

/**
 * The outcome. 401 when the request carries no SigV4 signature at all; 403 when it carries one that is
 * wrong in any way (see the mapping in verifySignature). `message` says what was wrong and never holds a
 * secret key, a session token or the signature the server computed.
 */
export type SignatureVerdict = { ok: true; accessKeyId: string } | { ok: false; status: 401 | 403; message: string };

export const DEFAULT_MAX_SKEW_SECONDS = 300;

const ALGORITHM = 'AWS4-HMAC-SHA256';
const SCOPE_TERMINATOR = 'aws4_request';

/**
 * Verifies a SigV4 `Authorization: AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request,
 * SignedHeaders=..., Signature=...` header against the configured test credentials, by re-signing the
 * request as received (method, raw path, query, the signed headers with their received values, the raw
 * body) with @smithy/signature-v4 and comparing the two signatures in constant time.
 *
 * Status mapping. Chime's model offers UnauthorizedClientException (401) and ForbiddenException (403):
 * - 401: no signature was presented at all (no Authorization header, or one of another scheme such as
 *   Basic, or a presigned query string, which this endpoint does not accept). HTTP 401 means "authenticate
 *   and try again" (RFC 9110 §15.5.2), which is exactly the client's remedy.
 * - 403: a SigV4 signature was presented but is not acceptable: malformed header, unknown access key,
 *   wrong scope (service, region, date), X-Amz-Date missing or outside the allowed skew, wrong or missing
 *   session token, a body that does not match X-Amz-Content-Sha256, or a signature that does not match.
 *   Real AWS front ends answer every one of these with a 403 (InvalidSignatureException,
 *   UnrecognizedClientException, "Signature expired", SignatureDoesNotMatch), so 403 is what clients
 *   are built to see; the model's ForbiddenException is that status's error.
 *
 * Limits of this emulator: signatures in the query string (presigned URLs) and requests that sign the
 * `Date` header instead of X-Amz-Date are not accepted (the AWS SDKs and curl --aws-sigv4 use neither).
 */
export async function verifySignature(request: ReceivedRequest, options: SignatureOptions, context: { service: string; now: Date }): Promise<SignatureVerdict> {
  const headers = lowerCaseHeaders(request.headers);
  const { path, query } = splitTarget(request.target);
  const missing = (message: string): SignatureVerdict => ({ ok: false, status: 401, message });
  const forbidden = (message: string): SignatureVerdict => ({ ok: false, status: 403, message });

  // 1. Is there a SigV4 signature at all?
  const authorizations = headers.get('authorization');
  if (authorizations === undefined) {
    const presigned = Object.keys(query).some((k) => k.toLowerCase() === 'x-amz-signature');
    return missing(
      presigned
        ? 'Missing Authorization header: query-string (presigned) signatures are not accepted; sign the request with an AWS4-HMAC-SHA256 Authorization header'
        : 'Missing Authentication Token: the request has no Authorization header; sign it with SigV4 (AWS4-HMAC-SHA256)',
    );
  }
  if (authorizations.length > 1) return forbidden('the request has more than one Authorization header');
  const authorization = authorizations[0]!.trim();
  const scheme = /^\S+/.exec(authorization)?.[0] ?? '';
  // The rest of a foreign scheme's header (Basic, Bearer) may be a credential: only its name is echoed.
  if (scheme !== ALGORITHM) return missing(`the Authorization header uses the ${JSON.stringify(scheme.slice(0, 40))} scheme; this endpoint accepts only ${ALGORITHM} (SigV4)`);

  // 2. Parse Credential, SignedHeaders and Signature.
  const parts = parseAuthorization(authorization.slice(ALGORITHM.length));
  if (typeof parts === 'string') return forbidden(`malformed Authorization header: ${parts}`);
  const scope = parts.Credential.split('/');
  if (scope.length !== 5 || scope.some((s) => s === '')) {
    return forbidden('malformed Authorization header: Credential must be ACCESS_KEY_ID/YYYYMMDD/region/service/aws4_request');
  }
  const [accessKeyId, scopeDate, scopeRegion, scopeService, terminator] = scope as [string, string, string, string, string];

  // 3. Who signed it, and for what?
  const credentials = options.credentials.find((c) => c.accessKeyId === accessKeyId);
  if (!credentials) return forbidden(`The security token included in the request is invalid: access key ID ${accessKeyId} is not one of this endpoint's test credentials`);
  if (terminator !== SCOPE_TERMINATOR) return forbidden(`the credential scope must end in ${SCOPE_TERMINATOR}, not ${terminator}`);
  if (scopeService !== context.service) return forbidden(`Credential should be scoped to correct service: '${context.service}', not '${scopeService}'`);
  if (options.region !== undefined && scopeRegion !== options.region) {
    return forbidden(`Credential should be scoped to a valid region: the scope names '${scopeRegion}', this endpoint is '${options.region}'`);
  }

  // 4. When was it signed?
  const dates = headers.get('x-amz-date');
  if (dates === undefined) return forbidden('the request has no X-Amz-Date header (this endpoint does not accept a signed Date header instead)');
  if (dates.length > 1) return forbidden('the request has more than one X-Amz-Date header');
  const amzDate = dates[0]!.trim();
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate) return forbidden(`X-Amz-Date ${JSON.stringify(amzDate.slice(0, 40))} is not a basic ISO 8601 UTC date-time of the form YYYYMMDDTHHMMSSZ`);
  if (scopeDate !== amzDate.slice(0, 8)) return forbidden(`the credential scope date ${scopeDate} is not the date of X-Amz-Date ${amzDate}`);
  const maxSkew = options.maxSkewSeconds ?? DEFAULT_MAX_SKEW_SECONDS;
  const skew = (signingDate.getTime() - context.now.getTime()) / 1000;
  if (skew < -maxSkew) return forbidden(`Signature expired: X-Amz-Date ${amzDate} is more than ${maxSkew} s from the server time ${formatAmzDate(context.now)}`);
  if (skew > maxSkew) return forbidden(`Signature not yet current: X-Amz-Date ${amzDate} is more than ${maxSkew} s ahead of the server time ${formatAmzDate(context.now)}`);

  // 5. Temporary credentials: the session token must come along, and be the configured one.
  const tokens = headers.get('x-amz-security-token');
  if (credentials.sessionToken !== undefined) {
    if (tokens === undefined) return forbidden(`access key ID ${accessKeyId} belongs to temporary credentials: the request must carry their X-Amz-Security-Token`);
    if (tokens.length > 1 || !constantTimeEqual(tokens[0]!.trim(), credentials.sessionToken)) {
      return forbidden(`The security token included in the request is invalid: X-Amz-Security-Token is not the session token of access key ID ${accessKeyId}`);
    }
  } else if (tokens !== undefined) {
    return forbidden(`The security token included in the request is invalid: access key ID ${accessKeyId} is a long-term key and takes no X-Amz-Security-Token`);
  }

  // 6. Which headers are signed: the list as the SigV4 canonical form writes it, and each one present.
  const signed = parts.SignedHeaders.split(';');
  const canonicalList = [...new Set(signed.map((h) => h.toLowerCase()))].sort();
  if (signed.some((h) => h === '') || signed.join(';') !== canonicalList.join(';')) {
    return forbidden(`SignedHeaders must be lower-case header names, sorted, without duplicates, separated by ';': got ${JSON.stringify(parts.SignedHeaders.slice(0, 200))}`);
  }
  if (!signed.includes('host')) return forbidden("'Host' must be a SignedHeader in the AWS Authorization");
  if (!signed.includes('x-amz-date')) return forbidden("'X-Amz-Date' must be a SignedHeader in the AWS Authorization");
  if (signed.includes('authorization')) return forbidden('the Authorization header cannot sign itself');
  if (signed.includes('date')) return forbidden("signing the 'Date' header is not supported here; sign X-Amz-Date instead");
  const absent = signed.find((h) => !headers.has(h));
  if (absent !== undefined) return forbidden(`signed header ${absent} is not in the request`);

  // 7. The payload hash: a client-sent X-Amz-Content-Sha256 replaces hashing the body when signing, so it
  // must be the body's, or a changed body would verify.
  const sha256s = headers.get('x-amz-content-sha256');
  if (sha256s !== undefined) {
    const bodyHash = createHash('sha256').update(request.body).digest('hex');
    if (sha256s.length > 1 || sha256s[0]!.trim().toLowerCase() !== bodyHash) {
      return forbidden(`X-Amz-Content-Sha256 is not the SHA-256 of the ${request.body.byteLength}-byte body received`);
    }
  }

  // 8. Re-sign exactly what was received and compare.
  const signer = new SignatureV4({
    service: scopeService,
    region: scopeRegion,
    credentials: {
      accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      // The signer adds (and signs) X-Amz-Security-Token whenever it has a token: only when it was signed.
      ...(signed.includes('x-amz-security-token') ? { sessionToken: credentials.sessionToken } : {}),
    },
    sha256: Hash.bind(null, 'sha256'),
    // No X-Amz-Content-Sha256 of the verifier's own: the payload hash is the received header (checked
    // above) when there is one, the body's hash otherwise, and the signed header list stays the client's.
    applyChecksum: false,
    // Like the clients: the path is signed as sent (percent-encoded), encoded once more (non-S3 SigV4).
    uriEscapePath: true,
  });
  const resigned = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: headers.get('host')?.[0] ?? '',
      path,
      query,
      headers: Object.fromEntries(signed.map((h) => [h, headers.get(h)!.map((v) => v.trim()).join(',')])) as HeaderBag,
      body: request.body,
    },
    { signingDate, signingRegion: scopeRegion, signingService: scopeService, signableHeaders: new Set(signed) },
  );
  const expected = parseAuthorization(String(resigned.headers.authorization ?? '').slice(ALGORITHM.length));
  if (typeof expected === 'string') throw new Error(`the signer produced an unreadable Authorization header: ${expected}`);
  if (expected.SignedHeaders !== parts.SignedHeaders) {
    return forbidden(`SignedHeaders ${parts.SignedHeaders} cannot be reproduced (re-signing covered ${expected.SignedHeaders})`);
  }
  if (!/^[0-9a-f]{64}$/.test(parts.Signature)) return forbidden('malformed Authorization header: Signature must be 64 lower-case hex digits');
  if (!timingSafeEqual(Buffer.from(parts.Signature, 'latin1'), Buffer.from(expected.Signature, 'latin1'))) {
    return forbidden(
      `The request signature we calculated does not match the signature you provided: re-signing ${request.method} ${path}` +
        `${Object.keys(query).length > 0 ? ' with its query' : ''}, signed headers ${parts.SignedHeaders} and the ${request.body.byteLength}-byte body ` +
        `for scope ${scope.slice(1).join('/')} with the secret of access key ID ${accessKeyId} gives another signature. ` +
        'Check the secret access key and signing method, and that nothing changed the request after signing',
    );
  }
  return { ok: true, accessKeyId };
}

/** The pieces of a node request verifySignature needs: repeated headers stay separate (rawHeaders). */
export function receivedRequest(req: IncomingMessage, body: Uint8Array): ReceivedRequest {
  const headers: Record<string, string[]> = Object.create(null);
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    (Object.hasOwn(headers, name) ? headers[name]! : (headers[name] = [])).push(req.rawHeaders[i + 1]!);
  }
  return { method: req.method ?? '', target: req.url ?? '/', headers, body };
}

/** Formats an instant as X-Amz-Date does: 20260101T000000Z. */
export function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  // Rejects 20261340T250000Z and the like, which Date.UTC would roll over.
  return formatAmzDate(date) === value ? date : undefined;
}

type AuthorizationParts = Record<'Credential' | 'SignedHeaders' | 'Signature', string>;

/** `Credential=..., SignedHeaders=..., Signature=...` (after the algorithm), or what is wrong with it. */
function parseAuthorization(rest: string): AuthorizationParts | string {
  const found: Partial<AuthorizationParts> = {};
  for (const component of rest.split(',')) {
    const m = /^\s*(\w+)=(\S*)\s*$/.exec(component);
    if (!m) return 'expected comma-separated Credential=..., SignedHeaders=..., Signature=...';
    const key = m[1] as keyof AuthorizationParts;
    if (key !== 'Credential' && key !== 'SignedHeaders' && key !== 'Signature') return `unknown component ${JSON.stringify(m[1]!.slice(0, 40))}`;
    if (found[key] !== undefined) return `${key} appears twice`;
    found[key] = m[2]!;
  }
  for (const key of ['Credential', 'SignedHeaders', 'Signature'] as const) if (!found[key]) return `${key}= is missing`;
  return found as AuthorizationParts;
}

function lowerCaseHeaders(headers: ReceivedRequest['headers']): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    out.set(key, [...(out.get(key) ?? []), ...(typeof value === 'string' ? [value] : value)]);
  }
  return out;
}

/** The raw path (as sent, percent-encoded) and the decoded query parameters of a request target. */
function splitTarget(target: string): { path: string; query: QueryParameterBag } {
  const origin = target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  const [beforeFragment = ''] = origin.split('#', 1);
  const q = beforeFragment.indexOf('?');
  const path = (q < 0 ? beforeFragment : beforeFragment.slice(0, q)) || '/';
  // No prototype: a parameter named __proto__ is a parameter.
  const query: Record<string, string | string[]> = Object.create(null);
  if (q >= 0) {
    for (const [key, value] of new URLSearchParams(beforeFragment.slice(q + 1))) {
      const previous = query[key];
      query[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
    }
  }
  return { path, query };
}

/** Compares two secrets without leaking their length or common prefix through timing. */
function constantTimeEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}
