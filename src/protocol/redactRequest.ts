import type { WireRequest } from './types.ts';

/** Headers that carry or derive from credentials (SigV4): never in a report, a log or a reproduction. */
const SECRET_HEADERS = new Set(['authorization', 'x-amz-security-token', 'x-amz-date', 'x-amz-content-sha256', 'host']);

/** The query-string twins of the secret headers (a presigned SigV4 URL): never shown either. */
const SECRET_QUERY = new Set(['x-amz-signature', 'x-amz-credential', 'x-amz-security-token']);

/**
 * SigV4 material written out as text, wherever it turns up: an Authorization header's or presigned URL's
 * signature and credential (access key id and scope). AWS errors about a bad signature quote the
 * Authorization header they were sent, and an endpoint may echo anything.
 */
const SIGV4_TEXT = /\b((?:X-Amz-)?Signature=|(?:X-Amz-)?Credential=)([\w/%+=.-]+)/gi;

/** The request without its signature: what reports and curl lines show (curl re-signs with --aws-sigv4). */
export function redactRequest(request: WireRequest): WireRequest {
  return { ...request, url: redactUrl(request.url), headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => !SECRET_HEADERS.has(name.toLowerCase()))) };
}

/**
 * `text` with every SigV4 signature and credential, and every one of `secrets` (a secret access key, a
 * session token, a signature the run sent), replaced by `[redacted]`. For what a report or recording
 * writes out besides the request itself: answers, failure messages.
 */
export function redactText(text: string, secrets: Iterable<string> = []): string {
  let out = text.replace(SIGV4_TEXT, '$1[redacted]');
  for (const secret of secrets) {
    // Short strings would redact ordinary text; no credential is that short.
    if (secret.length >= 8 && out.includes(secret)) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/**
 * The secrets a signed request carries, for redactText: its signature, its session token, and the
 * signature of a presigned URL.
 */
export function secretsOf(request: WireRequest): string[] {
  const found: string[] = [];
  const signature = /Signature=([0-9a-f]+)/i.exec(request.headers.authorization ?? '')?.[1];
  if (signature) found.push(signature);
  const token = request.headers['x-amz-security-token'];
  if (token) found.push(token);
  const query = URL.canParse(request.url) ? new URL(request.url).searchParams : undefined;
  for (const name of ['X-Amz-Signature', 'X-Amz-Security-Token']) {
    const value = query?.get(name);
    if (value) found.push(value);
  }
  return found;
}

function redactUrl(url: string): string {
  if (!/x-amz-/i.test(url) || !URL.canParse(url)) return url;
  const parsed = new URL(url);
  const names = [...parsed.searchParams.keys()].filter((name) => SECRET_QUERY.has(name.toLowerCase()));
  if (names.length === 0) return url;
  for (const name of names) parsed.searchParams.delete(name);
  return parsed.toString();
}
