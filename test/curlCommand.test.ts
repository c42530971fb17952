import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.ts';
import { buildRequest, curlCommand } from '../src/protocol/index.ts';
import { defaultOperation } from '../src/spec/index.ts';

/**
 * The curl line every failure prints, run as a user would paste it (bash, Debian's curl), against an
 * emulator that verifies SigV4: it must be accepted with long-term keys and with temporary credentials.
 */

const model = defaultOperation();
const LONG_TERM = { accessKeyId: 'AKIDCURLLONGTERM', secretAccessKey: 'curl-secret' };
const TEMPORARY = { accessKeyId: 'ASIACURLTEMPORARY', secretAccessKey: 'curl-temp-secret', sessionToken: 'curl-session-token' };
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ model, signatures: { credentials: [LONG_TERM, TEMPORARY] } });
});
afterAll(() => emulator?.close());

/** Runs the curl line in bash with only these AWS variables set; the HTTP status line's code. */
async function run(env: Record<string, string>): Promise<number> {
  const get = model.operation('GetVoiceConnectorProxy');
  const line = curlCommand(buildRequest(get, emulator.url, { labels: { VoiceConnectorId: emulator.voiceConnectorId! } }), { region: 'us-east-1', service: model.spec.service.signingName });
  const { stdout } = await promisify(execFile)('bash', ['-c', line], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env } });
  return Number(/^HTTP\/[\d.]+ (\d{3})/.exec(stdout)?.[1]);
}

describe('the curl line of a failure, pasted into bash', () => {
  it('is accepted with long-term keys (no session token in the environment)', async () => {
    expect(await run({ AWS_ACCESS_KEY_ID: LONG_TERM.accessKeyId, AWS_SECRET_ACCESS_KEY: LONG_TERM.secretAccessKey })).toBe(200);
  });

  it('is accepted with temporary credentials, whose session token it sends and signs', async () => {
    expect(await run({ AWS_ACCESS_KEY_ID: TEMPORARY.accessKeyId, AWS_SECRET_ACCESS_KEY: TEMPORARY.secretAccessKey, AWS_SESSION_TOKEN: TEMPORARY.sessionToken })).toBe(200);
  });

  it('is refused with a wrong secret: the emulator does check what curl signs', async () => {
    expect(await run({ AWS_ACCESS_KEY_ID: LONG_TERM.accessKeyId, AWS_SECRET_ACCESS_KEY: 'wrong' })).toBe(403);
  });
});
