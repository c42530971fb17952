import type { SdkOutput, SdkTimestamp } from './types.ts';

/** The outcome of a resolved command: its ProxySession, and what became of each timestamp member. */
export function outcomeOfOutput(output: { ProxySession?: unknown; $metadata?: { httpStatusCode?: number } }, timestampMembers: readonly string[]): SdkOutput {
  const session = output.ProxySession && typeof output.ProxySession === 'object' ? (output.ProxySession as Record<string, unknown>) : undefined;
  const timestamps = Object.fromEntries(timestampMembers.map((m) => [m, timestampOf(session?.[m])]));
  const id = session?.ProxySessionId;
  return {
    kind: 'output',
    ...(output.$metadata?.httpStatusCode !== undefined ? { httpStatusCode: output.$metadata.httpStatusCode } : {}),
    ...(typeof id === 'string' && id !== '' ? { createdSessionId: id } : {}),
    ...(session ? { proxySession: session } : {}),
    timestamps,
  };
}

function timestampOf(value: unknown): SdkTimestamp {
  if (value === undefined || value === null) return 'missing';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'invalid-date' : 'date';
  return typeof value === 'string' ? 'string' : 'other';
}
