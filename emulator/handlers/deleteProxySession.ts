import type { EmulatorContext, OperationCall } from '../EmulatorContext.ts';
import { readInput } from '../readInput.ts';
import { requireSession } from '../requireSession.ts';
import { sendSuccess } from '../sendSuccess.ts';

/**
 * DeleteProxySession (spec /operations/DeleteProxySession, the spec's /cleanup): removes the session,
 * open or expired, and frees its proxy numbers, answering the modelled success code with no body; an
 * unknown connector or session → spec /oracle/unknownProxySession (invariant delete-then-not-found).
 */
export function deleteProxySession(ctx: EmulatorContext, call: OperationCall): void {
  const read = readInput(ctx, call);
  if (!read) return;
  const record = requireSession(ctx, call, read.input);
  if (!record) return;
  if (ctx.hooks.deletes(record)) ctx.store.deleteSession(record);
  sendSuccess(ctx, call);
}
