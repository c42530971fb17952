import type { RunOptions } from './types.ts';

/**
 * Engine options for running suites in-process against a local emulator that checks no signature (the
 * project's own tests and the bench), without the CLI: the CLI's defaults, and whatever
 * the caller overrides. The emulator is the caller's own, so the run may make and change voice
 * connectors on it (RunOptions.mayChangeConnectors), as against the embedded one.
 */
export function localRunOptions(target: { url: string; voiceConnectorId: string | undefined }, overrides: Partial<RunOptions> = {}): RunOptions {
  const voiceConnectorId = overrides.voiceConnectorId ?? target.voiceConnectorId;
  if (voiceConnectorId === undefined) throw new Error('the emulator has no voice connector: start it with one, or pass overrides.voiceConnectorId');
  return {
    endpoint: target.url,
    voiceConnectorId,
    target: 'external',
    mayChangeConnectors: true,
    auth: 'none',
    region: 'us-east-1',
    seed: 20261127,
    runs: 3,
    timeoutMs: 8_000,
    concurrency: 8,
    maxBodyBytes: 1024 * 1024,
    strict: false,
    deadline: Date.now() + 60_000,
    replayBase: 'npx conformance',
    ...overrides,
  };
}
