import type { EmulatorContext, OperationCall } from '../EmulatorContext.ts';
import { proxyConfiguration } from '../proxyConfiguration.ts';
import { readInput } from '../readInput.ts';
import { requireConnector } from '../requireConnector.ts';
import { sendSuccess } from '../sendSuccess.ts';

/**
 * PutVoiceConnectorProxy (spec /operations/PutVoiceConnectorProxy): sets (or replaces) an existing
 * connector's proxy configuration and answers it as {"Proxy": {...}}; unknown connector → spec
 * /oracle/unknownVoiceConnector. DefaultSessionExpiryMinutes is a plain Integer in the model; a value a
 * session could not take as its ExpiryMinutes is an unspecified case of the spec, which the emulator's
 * policy refuses (readInput.ts).
 */
export function putVoiceConnectorProxy(ctx: EmulatorContext, call: OperationCall): void {
  const read = readInput(ctx, call);
  if (!read) return;
  const { input } = read;
  const connector = requireConnector(ctx, call, input);
  if (!connector) return;
  connector.proxy = proxyConfiguration(input);
  connector.updated = ctx.now();
  sendSuccess(ctx, call, { Proxy: { ...connector.proxy } });
}
