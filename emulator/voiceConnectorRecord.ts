import type { OperationModel } from '../src/spec/index.ts';
import type { VoiceConnectorRecord } from './ConnectorStore.ts';

/**
 * A new voice connector from a validated CreateVoiceConnector input (or spec /lifecycle/provision/connector
 * for the preconfigured ones). AwsRegion defaults to the service's default, us-east-1, which the emulator
 * takes as the first value of the VoiceConnectorAwsRegion enum so that it names no region of its own.
 */
export function voiceConnectorRecord(model: OperationModel, id: string, now: Date, input: Readonly<Record<string, unknown>>): VoiceConnectorRecord {
  return {
    id,
    name: input.Name,
    region: typeof input.AwsRegion === 'string' ? input.AwsRegion : defaultRegion(model),
    requireEncryption: input.RequireEncryption,
    ...(input.IntegrationType !== undefined ? { integrationType: input.IntegrationType } : {}),
    ...(input.NetworkType !== undefined ? { networkType: input.NetworkType } : {}),
    created: now,
    updated: now,
  };
}

function defaultRegion(model: OperationModel): string {
  const create = model.spec.lifecycle.provision.operations.createConnector;
  const target = model.operation(create).input.members.AwsRegion?.target;
  const region = target === undefined ? undefined : model.enumValues(target)[0];
  if (region === undefined) throw new Error(`the spec gives ${create} no AwsRegion enum to take the default region from`);
  return region;
}
