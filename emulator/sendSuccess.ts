import type { EmulatorContext, OperationCall } from './EmulatorContext.ts';
import { sendResponse, type ResponseParts } from './sendResponse.ts';

/**
 * Answers a call with its operation's modelled success code (spec /operations/<name>/http/code): a JSON
 * body for an operation with output, none for a Unit one (204). The variant's extraMembers adds an
 * unknown top-level member clients must ignore; faults that corrupt successes apply last.
 */
export function sendSuccess(ctx: EmulatorContext, call: OperationCall, payload?: Record<string, unknown>): void {
  const { operation } = call;
  const parts: ResponseParts =
    payload === undefined
      ? { status: operation.http.code, headers: {}, body: '' }
      : {
          status: operation.http.code,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...payload, ...(ctx.variant.extraMembers ? { ResponseMetadata: { Emulator: 'conformance-reference' } } : {}) }),
        };
  sendResponse(call.res, ctx.hooks.success(parts, operation.name));
}
