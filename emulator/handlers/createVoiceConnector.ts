import type { EmulatorContext, OperationCall } from '../EmulatorContext.ts';
import { formatTimestamp } from '../formatTimestamp.ts';
import { newVoiceConnectorId } from '../newVoiceConnectorId.ts';
import { readInput } from '../readInput.ts';
import { sendSuccess } from '../sendSuccess.ts';
import { voiceConnectorRecord } from '../voiceConnectorRecord.ts';

/**
 * The account the emulator's ARNs name: twelve zeros, which no AWS account has (the convention of local
 * AWS emulators), so an ARN from the emulator can never be mistaken for a real resource.
 */
const EMULATOR_ACCOUNT = '000000000000';

/**
 * CreateVoiceConnector (spec /operations/CreateVoiceConnector): a new connector without a proxy
 * configuration, answered as {"VoiceConnector": {...}} with the modelled success code. Tags are accepted
 * and not kept (the VoiceConnector shape does not return them).
 */
export function createVoiceConnector(ctx: EmulatorContext, call: OperationCall): void {
  const read = readInput(ctx, call);
  if (!read) return;
  const record = voiceConnectorRecord(ctx.model, newVoiceConnectorId(), ctx.now(), read.input);
  ctx.store.addConnector(record);
  const stamp = (date: Date) => formatTimestamp(date, ctx.variant.timestamps);
  sendSuccess(ctx, call, {
    VoiceConnector: {
      VoiceConnectorId: record.id,
      AwsRegion: record.region,
      Name: record.name,
      OutboundHostName: `${record.id}.voiceconnector.chime.aws`,
      RequireEncryption: record.requireEncryption,
      CreatedTimestamp: stamp(record.created),
      UpdatedTimestamp: stamp(record.updated),
      VoiceConnectorArn: `arn:aws:${ctx.model.spec.service.signingName}:${record.region}:${EMULATOR_ACCOUNT}:vc/${record.id}`,
      ...(record.integrationType !== undefined ? { IntegrationType: record.integrationType } : {}),
      ...(record.networkType !== undefined ? { NetworkType: record.networkType } : {}),
    },
  });
}
