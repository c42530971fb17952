import { createHash, createHmac } from 'node:crypto';

/** A request as the emulator received it. */
export interface SignedRequest {
  method: string;
  /** The request target as sent: path percent-encoded, query included. */
  target: string;
  /** Header values by lower-case name. */
  headers: Record<string, string[]>;
  body: Buffer;
  /** Epoch milliseconds of its arrival (for the clock skew). */
  receivedAt: number;
}

export interface SigV4Expectation {
  /** The signing name (spec /service/signingName). */
  service: string;
  /** The region the client was given. */
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** How far X-Amz-Date may be from the arrival time, either way. */
  maxSkewSeconds: number;
}

/** What is wrong with a signature, or nothing. `canonicalRequest`: the runner's, to compare with the client's. */
export type SigV4Verdict = { ok: true } | { ok: false; problem: string; canonicalRequest?: string };

const ALGORITHM = 'AWS4-HMAC-SHA256';

/**
 * Verifies a SigV4 Authorization header from first principles (AWS General Reference, "Create a signed
 * AWS API request"), deliberately without any SDK's signer so that a signer's own mistake cannot verify
 * itself: the canonical request (method; the path normalised and each segment URI-encoded once more, as
 * for every service but S3; the query parameters decoded, RFC 3986-encoded and sorted; the signed headers,
 * lower-case, trimmed, in order; the payload hash), the string to sign over the credential scope, and the
 * HMAC-SHA256 key chain. It also checks the scope (signing name, region, date), the clock, that Host,
 * X-Amz-Date and every other X-Amz-* header are signed, and that X-Amz-Content-Sha256, when sent, is the
 * body's hash.
 */
export function verifySigV4(request: SignedRequest, expected: SigV4Expectation): SigV4Verdict {
  const fail = (problem: string, canonicalRequest?: string): SigV4Verdict => ({ ok: false, problem, ...(canonicalRequest ? { canonicalRequest } : {}) });
  const authorizations = request.headers.authorization ?? [];
  if (authorizations.length !== 1) return fail(authorizations.length === 0 ? 'no Authorization header: the request is not signed' : 'more than one Authorization header');
  const authorization = authorizations[0]!.trim();
  if (!authorization.startsWith(`${ALGORITHM} `)) return fail(`the Authorization header is not ${ALGORITHM}`);
  const parts: Record<string, string> = {};
  for (const component of authorization.slice(ALGORITHM.length).split(',')) {
    const m = /^\s*(Credential|SignedHeaders|Signature)=(\S+)\s*$/.exec(component);
    if (!m || parts[m[1]!] !== undefined) return fail('the Authorization header is not Credential=..., SignedHeaders=..., Signature=...');
    parts[m[1]!] = m[2]!;
  }
  const { Credential: credential, SignedHeaders: signedList, Signature: signature } = parts;
  if (!credential || !signedList || !signature) return fail('the Authorization header lacks Credential, SignedHeaders or Signature');

  const scope = credential.split('/');
  if (scope.length !== 5) return fail(`the credential ${credential} is not ACCESS_KEY_ID/YYYYMMDD/region/service/aws4_request`);
  const [accessKeyId, scopeDate, region, service, terminator] = scope as [string, string, string, string, string];
  if (accessKeyId !== expected.credentials.accessKeyId) return fail(`signed with access key ID ${accessKeyId}, not the one given (AWS_ACCESS_KEY_ID ${expected.credentials.accessKeyId})`);
  if (service !== expected.service) return fail(`the credential scope names service ${service}; the signing name is ${expected.service}`);
  if (region !== expected.region) return fail(`the credential scope names region ${region}; the client was given ${expected.region} (AWS_REGION)`);
  if (terminator !== 'aws4_request') return fail(`the credential scope ends in ${terminator}, not aws4_request`);

  const dates = request.headers['x-amz-date'] ?? [];
  if (dates.length !== 1) return fail(dates.length === 0 ? 'no X-Amz-Date header' : 'more than one X-Amz-Date header');
  const amzDate = dates[0]!.trim();
  const signedAt = parseAmzDate(amzDate);
  if (!signedAt) return fail(`X-Amz-Date ${JSON.stringify(amzDate)} is not YYYYMMDDTHHMMSSZ`);
  if (scopeDate !== amzDate.slice(0, 8)) return fail(`the credential scope date ${scopeDate} is not X-Amz-Date's ${amzDate.slice(0, 8)}`);
  const skew = (signedAt.getTime() - request.receivedAt) / 1000;
  if (Math.abs(skew) > expected.maxSkewSeconds) return fail(`X-Amz-Date ${amzDate} is ${Math.round(Math.abs(skew))} s ${skew < 0 ? 'behind' : 'ahead of'} the time the request arrived (at most ${expected.maxSkewSeconds} s)`);

  const signed = signedList.split(';');
  if (signed.join(';') !== [...new Set(signed)].sort().join(';') || signed.some((h) => h === '' || h !== h.toLowerCase())) {
    return fail(`SignedHeaders ${signedList} is not lower-case names, sorted, without repeats`);
  }
  for (const required of ['host', 'x-amz-date']) if (!signed.includes(required)) return fail(`SignedHeaders ${signedList} leaves out ${required}`);
  const unsignedAmz = Object.keys(request.headers).find((h) => h.startsWith('x-amz-') && !signed.includes(h));
  if (unsignedAmz) return fail(`the request carries ${unsignedAmz} but does not sign it (every X-Amz-* header must be signed)`);
  const absent = signed.find((h) => request.headers[h] === undefined);
  if (absent) return fail(`SignedHeaders names ${absent}, which the request does not carry`);

  const bodyHash = sha256(request.body);
  const declared = request.headers['x-amz-content-sha256'];
  if (declared && (declared.length !== 1 || declared[0]!.trim().toLowerCase() !== bodyHash)) return fail(`X-Amz-Content-Sha256 is not the SHA-256 of the ${request.body.length}-byte body`);
  const payloadHash = declared ? declared[0]!.trim().toLowerCase() : bodyHash;

  const [rawPath = '/', rawQuery] = splitTarget(request.target);
  const query = canonicalQuery(rawQuery);
  if (query === undefined) return fail('the query string is not valid percent-encoding');
  const headerBlock = signed.map((h) => `${h}:${request.headers[h]!.map((v) => v.trim().replace(/\s+/g, ' ')).join(',')}\n`).join('');
  const canonical = (path: string, q: string) => [request.method, path, q, headerBlock, signedList, payloadHash].join('\n');
  const key = signingKey(expected.credentials.secretAccessKey, scopeDate, region, service);
  const sign = (canonicalRequest: string) => hmac(key, [ALGORITHM, amzDate, `${scopeDate}/${region}/${service}/aws4_request`, sha256(Buffer.from(canonicalRequest, 'utf8'))].join('\n')).toString('hex');

  const canonicalRequest = canonical(canonicalPath(rawPath), query);
  if (sign(canonicalRequest) === signature) return { ok: true };
  // Name the likely mistake: the usual ones give a signature over another canonical form.
  const alternatives: Array<[string, string]> = [
    ['the path encoded only once (SigV4 encodes each segment of the sent path again for every service but S3)', canonical(normalisePath(rawPath), query)],
    ['the path not normalised', canonical(encodeSegments(rawPath), query)],
    ['the query as sent, not decoded, re-encoded and sorted', canonical(canonicalPath(rawPath), rawQuery ?? '')],
  ];
  const match = alternatives.find(([, alt]) => sign(alt) === signature);
  return fail(
    match
      ? `the signature was computed over ${match[0]}`
      : `the signature does not match the runner's canonical request (method, path, query, signed headers ${signedList}, payload hash) signed with the given secret`,
    canonicalRequest,
  );
}

// --- internal ---

/** RFC 3986 percent-encoding of every byte but the unreserved characters, upper-case hex (SigV4 UriEncode). */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function splitTarget(target: string): [string, string | undefined] {
  const withoutFragment = target.split('#', 1)[0]!;
  const q = withoutFragment.indexOf('?');
  return q < 0 ? [withoutFragment || '/', undefined] : [withoutFragment.slice(0, q) || '/', withoutFragment.slice(q + 1)];
}

/** Dot segments and empty segments removed (RFC 3986 §5.2.4; SigV4 "remove redundant and relative path components"). */
function normalisePath(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return `/${out.join('/')}${out.length > 0 && path.endsWith('/') ? '/' : ''}`;
}

/** Each segment of the path as sent (already percent-encoded) URI-encoded once more. */
function encodeSegments(path: string): string {
  return path.split('/').map(uriEncode).join('/');
}

function canonicalPath(path: string): string {
  return encodeSegments(normalisePath(path));
}

function canonicalQuery(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return '';
  const pairs: Array<[string, string]> = [];
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    try {
      const name = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
      const value = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
      pairs.push([uriEncode(name), uriEncode(value)]);
    } catch {
      return undefined;
    }
  }
  pairs.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return pairs.map(([n, v]) => `${n}=${v}`).join('&');
}

function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(Buffer.from(`AWS4${secret}`, 'utf8'), date), region), service), 'aws4_request');
}

function hmac(key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return date.toISOString().slice(0, 19).replace(/[-:]/g, '') === value.slice(0, 15) ? date : undefined;
}
