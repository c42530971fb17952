import type { EmulatorContext, OperationCall } from '../EmulatorContext.ts';
import { proxyConfiguration } from '../proxyConfiguration.ts';
import { readInput } from '../readInput.ts';
import { requireConnector } from '../requireConnector.ts';
import { sendError } from '../sendError.ts';
import { sendSuccess } from '../sendSuccess.ts';

/**
 * PutVoiceConnectorProxy (spec /operations/PutVoiceConnectorProxy): sets (or replaces) an existing
 * connector's proxy configuration and answers it as {"Proxy": {...}}; unknown connector → spec
 * /oracle/unknownVoiceConnector. DefaultSessionExpiryMinutes is a plain Integer in the model, but
 * sessions created without ExpiryMinutes get it as their ExpiryMinutes, which is a PositiveInteger: a
 * value below that range could only produce invalid sessions, so the emulator refuses it (400).
 */
export function putVoiceConnectorProxy(ctx: EmulatorContext, call: OperationCall): void {
  const read = readInput(ctx, call);
  if (!read) return;
  const { input } = read;
  const connector = requireConnector(ctx, call, input);
  if (!connector) return;
  const min = expiryMinimum(ctx);
  if (min !== undefined && typeof input.DefaultSessionExpiryMinutes === 'number' && input.DefaultSessionExpiryMinutes < min) {
    return sendError(ctx, call.res, ctx.errors.invalid, `DefaultSessionExpiryMinutes must be at least ${min}: sessions get it as their ExpiryMinutes`);
  }
  connector.proxy = proxyConfiguration(input);
  connector.updated = ctx.now();
  sendSuccess(ctx, call, { Proxy: { ...connector.proxy } });
}

/** The @range minimum of CreateProxySession's ExpiryMinutes (PositiveInteger). */
function expiryMinimum(ctx: EmulatorContext): number | undefined {
  const shape = ctx.model.shape(ctx.model.input.members.ExpiryMinutes?.target ?? '');
  return shape.type === 'integer' ? shape.range?.min : undefined;
}
