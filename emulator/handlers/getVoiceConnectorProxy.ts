import type { EmulatorContext, OperationCall } from '../EmulatorContext.ts';
import { readInput } from '../readInput.ts';
import { requireConnector } from '../requireConnector.ts';
import { sendError } from '../sendError.ts';
import { sendSuccess } from '../sendSuccess.ts';

/**
 * GetVoiceConnectorProxy (spec /operations/GetVoiceConnectorProxy): the connector's proxy configuration
 * as {"Proxy": {...}}; an unknown connector, or one without a configuration, → spec
 * /oracle/unknownVoiceConnector (404 NotFoundException: there is no such resource).
 */
export function getVoiceConnectorProxy(ctx: EmulatorContext, call: OperationCall): void {
  const read = readInput(ctx, call);
  if (!read) return;
  const connector = requireConnector(ctx, call, read.input);
  if (!connector) return;
  if (!connector.proxy) return sendError(ctx, call.res, ctx.errors.notFound, `voice connector ${connector.id} has no proxy configuration`);
  sendSuccess(ctx, call, { Proxy: { ...connector.proxy } });
}
