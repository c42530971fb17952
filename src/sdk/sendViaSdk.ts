import { CreateProxySessionCommand, type ChimeSDKVoiceClient, type CreateProxySessionCommandInput } from '@aws-sdk/client-chime-sdk-voice';
import type { RequestCase } from '../../generators/types.ts';
import { outcomeOfError } from './outcomeOfError.ts';
import { outcomeOfOutput } from './outcomeOfOutput.ts';
import type { SdkOperation, SdkOutcome } from './types.ts';
import type { WireHandler } from './wireHandler.ts';

/**
 * Sends one step as the official client would: CreateProxySessionCommand with the body's members and the
 * URI labels as input (the SDK does no client-side validation, so invalid input reaches the server as
 * it is). Never throws; undefined when nothing was sent (a run budget is spent).
 */
export async function sendViaSdk(
  client: ChimeSDKVoiceClient,
  handler: WireHandler,
  operation: SdkOperation,
  step: RequestCase,
  options: { timeoutMs?: number } = {},
): Promise<SdkOutcome | undefined> {
  const body = step.body && typeof step.body === 'object' && !Array.isArray(step.body) ? (step.body as Record<string, unknown>) : {};
  const labels = Object.fromEntries(operation.labels.map((l) => [l, step.labels[l]]));
  const input = { ...body, ...labels } as unknown as CreateProxySessionCommandInput;
  try {
    // Options only when there are some: with any options object the client builds a new middleware stack.
    const output = await client.send(new CreateProxySessionCommand(input), options.timeoutMs ? { requestTimeout: options.timeoutMs } : undefined);
    return outcomeOfOutput(output, operation.timestampMembers);
  } catch (error) {
    if ((error as { name?: unknown } | undefined)?.name === 'NotSent') return undefined;
    return outcomeOfError(error, handler.wireOf((error as { $response?: unknown } | undefined)?.$response));
  }
}
