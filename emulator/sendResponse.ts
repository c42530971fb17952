import type { ServerResponse } from 'node:http';
import { directedParts } from './requestDirector.ts';

/** A complete response, before it is written. */
export interface ResponseParts {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes a whole response with an exact Content-Length (none for a bodiless status such as 204), as its director wants it. */
export function sendResponse(res: ServerResponse, given: ResponseParts): void {
  if (res.headersSent || res.destroyed) return;
  // A director (EmulatorOptions.director) sees, and may change or drop, every answer.
  const parts = directedParts(res, given);
  if (parts === 'reset') {
    res.socket?.destroy();
    return;
  }
  const bodiless = parts.status === 204 || parts.status === 304;
  const headers = bodiless ? parts.headers : { ...parts.headers, 'content-length': String(Buffer.byteLength(parts.body)) };
  res.writeHead(parts.status, headers);
  res.end(bodiless ? undefined : parts.body);
}
