import type { EmulatorContext, OperationCall } from '../EmulatorContext.ts';
import { readInput } from '../readInput.ts';
import { renderSession } from '../renderSession.ts';
import { requireSession } from '../requireSession.ts';
import { sendSuccess } from '../sendSuccess.ts';

/**
 * GetProxySession (spec /operations/GetProxySession): the stored session, open or expired, as
 * {"ProxySession": {...}} (spec invariant read-after-create); unknown connector or session → spec
 * /oracle/unknownProxySession.
 */
export function getProxySession(ctx: EmulatorContext, call: OperationCall): void {
  const read = readInput(ctx, call);
  if (!read) return;
  const record = requireSession(ctx, call, read.input);
  if (!record) return;
  sendSuccess(ctx, call, { ProxySession: ctx.hooks.readSession(renderSession(ctx, record)) });
}
