import { spawn } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorOptions } from '../emulator/index.ts';
import { root } from './support/spawnCli.ts';

/**
 * The suites stay runnable with vitest (suites/vitest.config.ts): the run happens once in vitest's main
 * process and the suite files only read its report, so the run's session budget holds whatever pool and
 * isolation vitest is told to use, and a required check that fails is a failing vitest test.
 */
const scratch = mkdtempSync(join(tmpdir(), 'conformance-vitest-harness-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `vitest run --config suites/vitest.config.ts` against a fresh emulator; counts the sessions it created (201 answers to POSTs). */
async function harness(emulatorOptions: EmulatorOptions, conformanceArgs: string[], vitestArgs: string[]): Promise<{ code: number | null; out: string; created: number; leftOpen: number }> {
  const emulator = await startEmulator(emulatorOptions);
  const port = Number(new URL(emulator.url).port);
  let created = 0;
  const onFinish = (message: unknown) => {
    const { request, response } = message as { request: { method?: string; socket: { localPort?: number } }; response: ServerResponse };
    if (request.method === 'POST' && response.statusCode === 201 && request.socket.localPort === port) created++;
  };
  subscribe('http.server.response.finish', onFinish);
  try {
    const reportDir = mkdtempSync(join(scratch, 'report-'));
    const args = ['--endpoint', emulator.url, '--voice-connector-id', emulator.voiceConnectorId!, '--report-dir', reportDir, ...conformanceArgs];
    const { code, out } = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', 'suites/vitest.config.ts', ...vitestArgs], {
        cwd: root,
        env: { ...process.env, CONFORMANCE_ARGS: args.join(' '), NO_COLOR: '1', CI: 'true', AWS_ACCESS_KEY_ID: 'AKIDCONFORMANCETEST', AWS_SECRET_ACCESS_KEY: 'conformance-test-secret', AWS_REGION: 'us-east-1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (t: string) => (out += t));
      child.stderr.setEncoding('utf8').on('data', (t: string) => (out += t));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out }));
    });
    return { code, out, created, leftOpen: emulator.openSessions() };
  } finally {
    unsubscribe('http.server.response.finish', onFinish);
    await emulator.close();
  }
}

describe.concurrent('the suites under vitest (suites/vitest.config.ts)', () => {
  it.concurrent.each([
    ['forks, each file isolated', ['--pool', 'forks', '--isolate']],
    ['threads, files in parallel, no isolation', ['--pool', 'threads', '--no-isolate', '--file-parallelism']],
  ])('--max-sessions 12 holds for the whole run with %s', async (_name, vitestArgs) => {
    const { code, out, created, leftOpen } = await harness({}, ['--max-sessions', '12', '--seed', '3', '--runs', '1'], vitestArgs);
    expect(code, out).toBe(0);
    expect(out).toMatch(/Test Files\s+\d+ passed/);
    expect(created).toBeGreaterThan(0);
    expect(created).toBeLessThanOrEqual(12);
    expect(leftOpen).toBe(0);
  });

  it.concurrent('a required check that fails is a failing test named after the check', async () => {
    const { code, out } = await harness({ faults: ['success-200'] }, ['--seed', '3', '--runs', '1', '--suite', 'acceptance'], []);
    expect(code).toBe(1);
    expect(out).toMatch(/FAIL\s+suites\/acceptance\.suite\.ts > acceptance > status-code/);
    expect(out).toContain('--family accept.');
  });
});
