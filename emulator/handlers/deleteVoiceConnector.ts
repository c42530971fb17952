import type { EmulatorContext, OperationCall } from '../EmulatorContext.ts';
import { errorByStatus } from '../errorNames.ts';
import { readInput } from '../readInput.ts';
import { sendError } from '../sendError.ts';
import { sendSuccess } from '../sendSuccess.ts';

/**
 * DeleteVoiceConnector (spec /operations/DeleteVoiceConnector): removes a connector with no session left
 * (open or expired), answering the modelled success code with no body. Unknown connector → spec
 * /oracle/unknownVoiceConnector; a connector that still has sessions → the operation's 409 error
 * (ConflictException), as the service refuses to delete a connector still in use.
 */
export function deleteVoiceConnector(ctx: EmulatorContext, call: OperationCall): void {
  const read = readInput(ctx, call);
  if (!read) return;
  const label = String(read.input.VoiceConnectorId);
  const outcome = ctx.store.removeConnector(label);
  if (outcome === 'missing') return sendError(ctx, call.res, ctx.errors.notFound, `voice connector ${label} does not exist`);
  if (outcome === 'has-sessions') {
    return sendError(ctx, call.res, errorByStatus(call.operation, 409), `voice connector ${label} still has proxy sessions; delete them first`);
  }
  sendSuccess(ctx, call);
}
