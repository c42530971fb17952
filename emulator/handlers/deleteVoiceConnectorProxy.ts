import type { EmulatorContext, OperationCall } from '../EmulatorContext.ts';
import { readInput } from '../readInput.ts';
import { requireConnector } from '../requireConnector.ts';
import { sendError } from '../sendError.ts';
import { sendSuccess } from '../sendSuccess.ts';

/**
 * DeleteVoiceConnectorProxy (spec /operations/DeleteVoiceConnectorProxy): removes the connector's proxy
 * configuration (its sessions stay; new ones are refused until a new PutVoiceConnectorProxy), answering
 * the modelled success code with no body; an unknown connector, or one without a configuration, → spec
 * /oracle/unknownVoiceConnector.
 */
export function deleteVoiceConnectorProxy(ctx: EmulatorContext, call: OperationCall): void {
  const read = readInput(ctx, call);
  if (!read) return;
  const connector = requireConnector(ctx, call, read.input);
  if (!connector) return;
  if (!connector.proxy) return sendError(ctx, call.res, ctx.errors.notFound, `voice connector ${connector.id} has no proxy configuration`);
  delete connector.proxy;
  connector.updated = ctx.now();
  sendSuccess(ctx, call);
}
