import type { SessionRecord } from './ConnectorStore.ts';
import type { EmulatorContext, OperationCall } from './EmulatorContext.ts';
import { resolveConnectorId } from './resolveConnectorId.ts';
import { sendError } from './sendError.ts';

/**
 * The session the call's VoiceConnectorId and ProxySessionId name, or undefined after answering the
 * spec's unknown-session error (/oracle/unknownProxySession, 404 NotFoundException) for an unknown
 * connector or session (one never created, or deleted). The unknown-session-400 fault answers an unknown
 * session on a known connector with the constraint-violation error instead.
 */
export function requireSession(ctx: EmulatorContext, call: OperationCall, input: Readonly<Record<string, unknown>>): SessionRecord | undefined {
  const label = String(input.VoiceConnectorId);
  const sessionId = String(input.ProxySessionId);
  const connectorId = resolveConnectorId(ctx, label);
  const record = connectorId === undefined ? undefined : ctx.store.session(connectorId, sessionId);
  if (record) return record;
  if (connectorId === undefined) {
    sendError(ctx, call.res, ctx.errors.unknownSession, `voice connector ${label} does not exist`);
  } else {
    const name = ctx.hooks.onUnknownSession === 'bad-request' ? ctx.errors.invalid : ctx.errors.unknownSession;
    sendError(ctx, call.res, name, `proxy session ${sessionId} does not exist on voice connector ${label}`);
  }
  return undefined;
}
