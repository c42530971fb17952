/**
 * --provision: a run against an emulator with no voice connector makes one with a proxy
 * configuration (CreateVoiceConnector, PutVoiceConnectorProxy), runs against it, and removes both
 * afterwards, leaving the endpoint as it found it.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.ts';
import { spawnCli, type CliResult } from './support/spawnCli.ts';

describe('conformance --endpoint URL --provision, against an emulator with no voice connector', () => {
  let emulator: RunningEmulator;
  let result: CliResult;
  const reportDir = mkdtempSync(join(tmpdir(), 'conformance-provision-'));

  beforeAll(async () => {
    emulator = await startEmulator({ voiceConnectorIds: [] });
    result = await spawnCli(['--endpoint', emulator.url, '--provision', '--suite', 'acceptance', '--suite', 'lifecycle', '--runs', '2', '--seed', '7', '--report-dir', reportDir]);
  }, 60_000);
  afterAll(async () => {
    await emulator?.close();
  });

  it('passes, having made a connector and removed it again', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const id = /Provisioned voice connector (\S+) with a proxy configuration/.exec(result.stdout)?.[1];
    expect(id).toMatch(/\S/);
    expect(result.stdout).toContain(`Provisioning: removed voice connector ${id} and its proxy configuration.`);
    const report = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as { voiceConnectorId: string; verdict: string };
    expect(report).toMatchObject({ voiceConnectorId: id, verdict: 'pass' });
  });

  it('leaves nothing behind: no connector, no session', () => {
    expect(emulator.voiceConnectors()).toEqual([]);
    expect(emulator.openSessions()).toBe(0);
  });
});

describe('a failure of a --provision run replays with its replay line (a new connector, the same case)', () => {
  it('reproduces the failure (exit 1): the connector, new on every run, is not part of --case-digest', async () => {
    const emulator = await startEmulator({ voiceConnectorIds: [], faults: ['success-200'] });
    try {
      const reportDir = mkdtempSync(join(tmpdir(), 'conformance-provision-replay-'));
      const first = await spawnCli(['--endpoint', emulator.url, '--provision', '--suite', 'acceptance', '--runs', '1', '--seed', '7', '--report-dir', reportDir]);
      expect(first.code, first.stderr).toBe(1);
      const report = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as { checks: { check: string; failures: { replay: string }[] }[] };
      const line = report.checks.find((c) => c.check === 'status-code')!.failures[0]!.replay;
      expect(line).toMatch(/--provision .*--case-digest [0-9a-f]{12}$/);
      const again = await spawnCli([...line.split(' ').slice(2), '--report-dir', mkdtempSync(join(tmpdir(), 'conformance-provision-replay-again-'))]);
      expect(again.code, again.stdout).toBe(1);
      expect(emulator.voiceConnectors()).toEqual([]);
    } finally {
      await emulator.close();
    }
  }, 60_000);
});

describe('conformance --provision with no endpoint', () => {
  it('starts the embedded emulator with no connector, provisions one and passes', async () => {
    const reportDir = mkdtempSync(join(tmpdir(), 'conformance-provision-embedded-'));
    const result = await spawnCli(['--provision', '--suite', 'acceptance', '--runs', '1', '--seed', '7', '--report-dir', reportDir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Provisioned voice connector \S+/);
    expect(result.stdout).toMatch(/Provisioning: removed voice connector \S+ and its proxy configuration\./);
  }, 60_000);

  it('refuses --provision together with --voice-connector-id (exit 2, one line)', async () => {
    const result = await spawnCli(['--provision', '--voice-connector-id', 'abc']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--provision creates its own voice connector; leave out --voice-connector-id');
  });
});
