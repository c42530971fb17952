import * as client from '@aws-sdk/client-chime-sdk-voice';
import type { RequestCase } from '../../generators/types.ts';
import type { SdkCommandInput } from './types.ts';

/** A command any ChimeSDKVoiceClient sends. */
export type SdkCommand = Parameters<client.ChimeSDKVoiceClient['send']>[0];

/** The SDK's commands by name: the client exports one class per operation of the service's model. */
const COMMANDS = client as unknown as Record<string, (new (input: Record<string, unknown>) => SdkCommand) | undefined>;

/**
 * The official SDK's command for a step of operation `name`: `<Operation>Command` (as the Smithy model
 * names it and the spec writes it), with the step's input as the SDK takes it (`input`, sdkOperation.ts):
 * its URI labels, its query members under their member names (numbers and booleans as such; anything
 * else, such as a value that breaks the member's type on purpose, as it was sent), and the members of its
 * JSON body. The SDK does no client-side validation, so invalid input reaches the server as it is.
 */
export function sdkCommand(name: string, input: SdkCommandInput, step: RequestCase): SdkCommand {
  const Command = COMMANDS[`${name}Command`];
  if (typeof Command !== 'function') throw new Error(`the official SDK has no command for ${name}`);
  const body = step.body && typeof step.body === 'object' && !Array.isArray(step.body) ? (step.body as Record<string, unknown>) : {};
  const labels = Object.fromEntries(input.labels.map((l) => [l, step.labels[l]]));
  const query: Record<string, unknown> = {};
  for (const [member, spec] of Object.entries(input.query)) {
    const value = step.query?.[spec.queryName];
    if (value !== undefined) query[member] = typed(spec.type, value);
  }
  return new Command({ ...body, ...query, ...labels });
}

/** A query value as the member's type would have it, when it reads as one (restJson1 @httpQuery). */
function typed(type: string, value: string): unknown {
  if (type === 'integer' && /^-?\d+$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}
