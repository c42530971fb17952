import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from './EmulatorContext.ts';
import { sendError } from './sendError.ts';

/**
 * Answers input that fails deserialisation or validation: the spec's constraint-violation error
 * (spec /oracle/constraintViolation, /oracle/malformedInput), unless a fault makes the emulator answer
 * it wrongly (500, never, or by dropping the connection).
 */
export function rejectInvalid(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, message: string, input: 'malformed' | 'invalid' = 'invalid'): void {
  switch (ctx.hooks.onInvalid) {
    case 'hang':
      // Deliberately nothing: close() tears the connection down.
      return;
    case 'reset':
      req.socket.destroy();
      return;
    case 'server-error':
      sendError(ctx, res, ctx.errors.failure, 'internal failure');
      return;
    case 'error':
      sendError(ctx, res, ctx.errors.invalid, message, { renamed: input === 'malformed' ? ctx.hooks.malformedErrorName : undefined });
  }
}
