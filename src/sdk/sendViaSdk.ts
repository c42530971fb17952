import type { ChimeSDKVoiceClient } from '@aws-sdk/client-chime-sdk-voice';
import type { RequestCase } from '../../generators/types.ts';
import { outcomeOfError } from './outcomeOfError.ts';
import { outcomeOfOutput } from './outcomeOfOutput.ts';
import { sdkCommand } from './sdkCommand.ts';
import type { SdkOperation, SdkOutcome } from './types.ts';
import type { WireHandler } from './wireHandler.ts';

/**
 * Sends one step as the official client would: the command of the step's operation (sdkCommand.ts) with
 * the step's labels, query and body members as input (the SDK does no client-side validation, so invalid
 * input reaches the server as it is). Never throws for what the endpoint does; undefined when nothing was
 * sent (a run budget is spent).
 */
export async function sendViaSdk(client: ChimeSDKVoiceClient, handler: WireHandler, operation: SdkOperation, step: RequestCase, options: { timeoutMs?: number } = {}): Promise<SdkOutcome | undefined> {
  const name = step.operation ?? operation.target;
  const input = operation.commands[name];
  if (!input) throw new Error(`the SDK does not send ${name}: neither the conformance target nor a read`);
  // Only the conformance target makes sessions: a created session's id is what the caller must delete.
  const creates = name === operation.target;
  try {
    // Options only when there are some: with any options object the client builds a new middleware stack.
    const { result, wire } = await handler.capture(() => client.send(sdkCommand(name, input, step), options.timeoutMs ? { requestTimeout: options.timeoutMs } : undefined), creates);
    return outcomeOfOutput(result as unknown as Record<string, unknown>, wire, creates);
  } catch (error) {
    if ((error as { name?: unknown } | undefined)?.name === 'NotSent') return undefined;
    return outcomeOfError(error, handler.wireOf((error as { $response?: unknown } | undefined)?.$response), creates);
  }
}
