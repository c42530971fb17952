import { ConformanceToolError, echoed } from '../src/errors.ts';

/**
 * The longest error message printed, a last line of defence: each value a message echoes is cut already
 * (echoed()), so only a message that echoes something it should not reaches this (a 5 MB line on a CI log
 * helps nobody).
 */
export const MAX_MESSAGE_CHARS = 4_000;

/**
 * The one line the command prints for an error that ends it (exit 2): a tool error's message, or an
 * unexpected error's after "unexpected error:"; at most MAX_MESSAGE_CHARS of it, on one line.
 */
export function errorLine(error: unknown): string {
  if (error instanceof ConformanceToolError) return `conformance: ${echoed(error.message, MAX_MESSAGE_CHARS)}\n`;
  return `conformance: unexpected error: ${echoed((error as Error)?.message ?? String(error), MAX_MESSAGE_CHARS)}\n`;
}
