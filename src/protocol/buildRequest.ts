import type { OperationModel } from '../spec/index.ts';
import type { WireRequest } from './types.ts';

/** What to send: label values for the URI and either a JSON value or raw body text. */
export interface RequestInput {
  labels: Record<string, string>;
  /** Serialised with JSON.stringify. */
  body?: unknown;
  /** Sent verbatim instead of `body` (malformed-JSON cases). */
  rawBody?: string;
}

/**
 * restJson1 request for the operation: labels percent-encoded into the URI, the body as JSON with
 * Content-Type application/json (aws.protocols#restJson1).
 */
export function buildRequest(model: OperationModel, endpoint: string, input: RequestInput): WireRequest {
  const body = input.rawBody ?? JSON.stringify(input.body ?? {});
  return {
    method: model.http.method,
    url: joinUrl(endpoint, model.path(input.labels)),
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body,
  };
}

/** The cleanup call for a created session (spec /cleanup). */
export function buildCleanupRequest(model: OperationModel, endpoint: string, labels: Record<string, string>): WireRequest {
  return { method: model.cleanup.method, url: joinUrl(endpoint, model.path(labels, model.cleanup)), headers: { accept: 'application/json' } };
}

function joinUrl(endpoint: string, path: string): string {
  return endpoint.replace(/\/+$/, '') + path;
}
