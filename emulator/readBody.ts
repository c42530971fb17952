import type { IncomingMessage } from 'node:http';

export type BodyResult =
  | { kind: 'complete'; bytes: Buffer }
  /** More than the limit: the caller answers now; the rest is drained without being kept. */
  | { kind: 'too-large' }
  /** The client went away mid-body; nobody is left to answer. */
  | { kind: 'aborted' };

/**
 * Reads a request body, enforcing `maxBytes` while it streams in: a declared Content-Length above the
 * limit is refused before any byte is read, and an undeclared body is refused the moment it crosses the
 * limit. The rest of an oversized body is still read and discarded, so the response is not lost to a TCP
 * reset and the keep-alive connection stays in step; a client that keeps sending far beyond the limit
 * (more than `drainFactor` times it) gets its connection closed instead.
 */
export function readBody(req: IncomingMessage, maxBytes: number, drainFactor = 16): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      if (result.kind !== 'complete') chunks.length = 0;
      resolve(result);
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) settle({ kind: 'too-large' });
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) settle({ kind: 'too-large' });
      if (!settled) chunks.push(chunk);
      else if (size > maxBytes * drainFactor) req.socket.destroy();
    });
    req.on('end', () => settle({ kind: 'complete', bytes: Buffer.concat(chunks) }));
    req.on('aborted', () => settle({ kind: 'aborted' }));
    req.on('error', () => settle({ kind: 'aborted' }));
  });
}
