import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from '../EmulatorContext.ts';
import { sendError } from '../sendError.ts';
import { sendResponse } from '../sendResponse.ts';

/**
 * DeleteProxySession (spec /cleanup): ends an open session and frees its proxy numbers, answering the
 * modelled success code with no body; an unknown connector or session is NotFound.
 */
export function deleteProxySession(ctx: EmulatorContext, _req: IncomingMessage, res: ServerResponse, labels: Readonly<Record<string, string>>): void {
  const label = labels.VoiceConnectorId ?? '';
  const connectorId = ctx.store.hasConnector(label) ? label : (ctx.hooks.resolveConnector(label, ctx.defaultConnectorId) ?? label);
  if (!ctx.store.close(connectorId, labels.ProxySessionId ?? '')) {
    return sendError(ctx, res, ctx.errors.notFound, `proxy session ${labels.ProxySessionId ?? ''} does not exist on voice connector ${label}`);
  }
  sendResponse(res, { status: ctx.model.cleanup.code, headers: {}, body: '' });
}
