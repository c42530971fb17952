import type { EmulatorContext, OperationCall } from './EmulatorContext.ts';
import { decodeRequest } from './decodeRequest.ts';
import { rejectInvalid } from './rejectInvalid.ts';
import { sendError } from './sendError.ts';
import { unspecifiedCases } from './unspecifiedCases.ts';
import { unspecifiedPolicy } from './unspecifiedPolicy.ts';

/**
 * The validated input of a call (decodeRequest.ts), or undefined after the rejection has been sent:
 * the constraint-violation error (rejectInvalid.ts, unless a fault answers it wrongly), or, for an input in
 * one of the operation's spec /oracle/unspecified cases, the emulator's choice for it (unspecifiedPolicy.ts:
 * a 400 when it refuses the case; a 500 only when a fault says so).
 */
export function readInput(ctx: EmulatorContext, call: OperationCall): { input: Record<string, unknown>; nulls: string[] } | undefined {
  const decoded = decodeRequest(call.operation, call.req.url ?? '/', call.labels, call.body, ctx.hooks);
  if (decoded.kind !== 'valid') {
    rejectInvalid(ctx, call.req, call.res, decoded.message, decoded.kind);
    return undefined;
  }
  // Spec /oracle/unspecified: model-valid, behaviour undocumented; a 4xx with the error contract is allowed.
  for (const c of unspecifiedCases(call.operation, decoded.input, decoded.nulls)) {
    if (ctx.hooks.serverErrorOn(c)) {
      sendError(ctx, call.res, ctx.errors.failure, 'internal failure');
      return undefined;
    }
    if (unspecifiedPolicy(ctx.variant.unspecified, c) === 'reject') {
      sendError(ctx, call.res, ctx.errors.invalid, `${c.member ?? 'the request'}: this server does not support this input (${c.why})`);
      return undefined;
    }
  }
  return decoded;
}
