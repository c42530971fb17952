import type { OperationModel } from '../spec/index.ts';
import type { WireRequest } from './types.ts';

/** What to send: label values for the URI, query parameters, and either a JSON value or raw body text. */
export interface RequestInput {
  labels: Record<string, string>;
  /** Query parameters by their wire names (Smithy @httpQuery), sent as given (see queryOf). */
  query?: Record<string, string>;
  /** Serialised with JSON.stringify. */
  body?: unknown;
  /** Sent verbatim instead of `body` (malformed-JSON cases). */
  rawBody?: string;
  /** Another HTTP method than the operation's (a method no operation binds to this path). */
  method?: string;
  /** Appended to the operation's path (a path no operation binds). */
  pathSuffix?: string;
}

/**
 * restJson1 request for the operation: labels percent-encoded into the URI, query parameters after it,
 * and the body as JSON with Content-Type application/json (aws.protocols#restJson1). An operation with
 * no body members (Get, List, Delete) sends no body unless the input carries one.
 */
export function buildRequest(model: OperationModel, endpoint: string, input: RequestInput): WireRequest {
  const url = joinUrl(endpoint, model.path(input.labels) + (input.pathSuffix ?? '')) + queryString(input.query);
  const method = input.method ?? model.http.method;
  // With another method than the operation's, a body goes out only when the input gives one.
  const hasBody = input.rawBody !== undefined || input.body !== undefined || (input.method === undefined && Object.keys(model.bodyMembers).length > 0);
  if (!hasBody) return { method, url, headers: { accept: 'application/json' } };
  return {
    method,
    url,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: input.rawBody ?? JSON.stringify(input.body ?? {}),
  };
}

/** The cleanup call for a created session (spec /cleanup). */
export function buildCleanupRequest(model: OperationModel, endpoint: string, labels: Record<string, string>): WireRequest {
  return { method: model.cleanup.method, url: joinUrl(endpoint, model.path(labels, model.cleanup)), headers: { accept: 'application/json' } };
}

/**
 * Query parameters for input member values (spec `location: query`): each under its `queryName`,
 * numbers and booleans as their JSON text. Members that are not query members are ignored.
 */
export function queryOf(model: OperationModel, values: Readonly<Record<string, unknown>>): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [member, spec] of Object.entries(model.queryMembers)) {
    const value = values[member];
    if (value !== undefined) query[spec.queryName] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return query;
}

/** `?a=1&b=2`, RFC 3986 percent-encoded as SigV4 canonicalises it; '' for no parameters. */
function queryString(query: Record<string, string> | undefined): string {
  const pairs = Object.entries(query ?? {});
  if (pairs.length === 0) return '';
  const encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `?${pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}`;
}

function joinUrl(endpoint: string, path: string): string {
  return endpoint.replace(/\/+$/, '') + path;
}
