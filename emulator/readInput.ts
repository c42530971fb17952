import type { EmulatorContext, OperationCall } from './EmulatorContext.ts';
import { decodeRequest } from './decodeRequest.ts';
import { rejectInvalid } from './rejectInvalid.ts';

/**
 * The validated input of a call (decodeRequest.ts), or undefined after the rejection has been sent
 * (rejectInvalid.ts: the constraint-violation error, unless a fault answers it wrongly).
 */
export function readInput(ctx: EmulatorContext, call: OperationCall): { input: Record<string, unknown>; nulls: string[] } | undefined {
  const decoded = decodeRequest(call.operation, call.req.url ?? '/', call.labels, call.body, ctx.hooks);
  if (decoded.kind === 'valid') return decoded;
  rejectInvalid(ctx, call.req, call.res, decoded.message, decoded.kind);
  return undefined;
}
