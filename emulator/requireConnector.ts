import type { VoiceConnectorRecord } from './ConnectorStore.ts';
import type { EmulatorContext, OperationCall } from './EmulatorContext.ts';
import { resolveConnectorId } from './resolveConnectorId.ts';
import { sendError } from './sendError.ts';

/**
 * The voice connector the call's VoiceConnectorId names, or undefined after answering the spec's
 * unknown-connector error (/oracle/unknownVoiceConnector, 404 NotFoundException).
 */
export function requireConnector(ctx: EmulatorContext, call: OperationCall, input: Readonly<Record<string, unknown>>): VoiceConnectorRecord | undefined {
  const label = String(input.VoiceConnectorId);
  const id = resolveConnectorId(ctx, label);
  const connector = id === undefined ? undefined : ctx.store.connector(id);
  if (!connector) sendError(ctx, call.res, ctx.errors.notFound, `voice connector ${label} does not exist`);
  return connector;
}
