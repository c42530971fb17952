import type { WireResponse } from '../protocol/index.ts';
import type { SdkOutput } from './types.ts';

/**
 * The outcome of a resolved command: its output without $metadata, the JSON of the answer it was read
 * from, and, for a create (`creates`), the ProxySessionId of the session it made (for cleanup).
 */
export function outcomeOfOutput(output: Record<string, unknown> & { $metadata?: { httpStatusCode?: number } }, wire: WireResponse | undefined, creates: boolean): SdkOutput {
  const { $metadata, ...rest } = output;
  const session = rest.ProxySession && typeof rest.ProxySession === 'object' ? (rest.ProxySession as Record<string, unknown>) : undefined;
  const id = creates ? session?.ProxySessionId : undefined;
  return {
    kind: 'output',
    ...($metadata?.httpStatusCode !== undefined ? { httpStatusCode: $metadata.httpStatusCode } : {}),
    ...(typeof id === 'string' && id !== '' ? { createdSessionId: id } : {}),
    output: rest,
    ...(wire?.json !== undefined ? { answer: wire.json } : {}),
  };
}
