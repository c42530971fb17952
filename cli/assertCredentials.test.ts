import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { assertCredentials, LOCAL_TEST_CREDENTIALS } from './assertCredentials.ts';

describe('assertCredentials with no credentials anywhere', () => {
  beforeEach(() => {
    // No AWS variables, no shared files, no instance metadata.
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) vi.stubEnv(name, '');
    const home = mkdtempSync(join(tmpdir(), 'conformance-home-'));
    vi.stubEnv('HOME', home);
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(home, 'none'));
    vi.stubEnv('AWS_CONFIG_FILE', join(home, 'none'));
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  });
  afterEach(() => vi.unstubAllEnvs());

  const settings = { auth: 'sigv4' as const, region: 'us-east-1' };

  it.each(['http://127.0.0.1:4566', 'http://localhost:4566', 'http://[::1]:4566'])('%s (loopback): the local test credentials', async (endpoint) => {
    await expect(assertCredentials(settings, endpoint)).resolves.toEqual(LOCAL_TEST_CREDENTIALS);
  });

  it.each(['https://voice-chime.us-east-1.amazonaws.com', 'http://10.0.0.5:4566', 'http://emulator.internal:4566'])('%s: an error naming what to set', async (endpoint) => {
    await expect(assertCredentials(settings, endpoint)).rejects.toThrow(/no AWS credentials found.*AWS_ACCESS_KEY_ID/);
  });

  it('a named profile that cannot be read is an error, also on loopback', async () => {
    await expect(assertCredentials({ ...settings, profile: 'nope' }, 'http://127.0.0.1:4566')).rejects.toThrow(/profile nope/);
  });
});
