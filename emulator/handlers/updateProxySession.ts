import type { EmulatorContext, OperationCall } from '../EmulatorContext.ts';
import { readInput } from '../readInput.ts';
import { renderSession } from '../renderSession.ts';
import { requireSession } from '../requireSession.ts';
import { sendError } from '../sendError.ts';
import { sendSuccess } from '../sendSuccess.ts';

/**
 * UpdateProxySession (spec /operations/UpdateProxySession): sets Capabilities (de-duplicated, as Create
 * does) and, when given, ExpiryMinutes; UpdatedTimestamp becomes now (never before the previous one).
 * Answers {"ProxySession": {...}} with the modelled success code (spec invariant update-reflected).
 * An expired (Closed) session cannot be changed: the model does not say so, but there is nothing left to
 * update, so the emulator answers the constraint-violation error (400). ExpiryMinutes counts from
 * creation (ConnectorStore.expire): an update that puts the deadline in the past closes the session now,
 * and the answer shows it Closed. Model-valid input is accepted as is: the oracle's unspecified cases
 * (spec /oracle/unspecified) are CreateProxySession's.
 */
export function updateProxySession(ctx: EmulatorContext, call: OperationCall): void {
  const read = readInput(ctx, call);
  if (!read) return;
  const { input } = read;
  const record = requireSession(ctx, call, input);
  if (!record) return;
  if (record.ended !== undefined) {
    return sendError(ctx, call.res, ctx.errors.invalid, `proxy session ${record.id} is ${renderSession(ctx, record).Status} and can no longer be updated`);
  }
  if (ctx.hooks.updatesSessions) {
    const now = ctx.now();
    // Without Capabilities (only when update-accepts-missing-capabilities let it through) they stay as they were.
    const capabilities = input.Capabilities === undefined ? undefined : [...new Set(Array.isArray(input.Capabilities) ? input.Capabilities : [input.Capabilities])];
    ctx.store.updateSession(record, { capabilities, expiryMinutes: input.ExpiryMinutes }, now);
    if (ctx.hooks.expiresSessions) ctx.store.expire(now);
  }
  sendSuccess(ctx, call, { ProxySession: renderSession(ctx, record) });
}
