import type { WireRequest } from './types.ts';

/** Headers that carry or derive from credentials (SigV4): never in a report, a log or a reproduction. */
const SECRET_HEADERS = new Set(['authorization', 'x-amz-security-token', 'x-amz-date', 'x-amz-content-sha256', 'host']);

/** The request without its signature: what reports and curl lines show (curl re-signs with --aws-sigv4). */
export function redactRequest(request: WireRequest): WireRequest {
  return { ...request, headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => !SECRET_HEADERS.has(name.toLowerCase()))) };
}
