import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.ts';
import { recordUnconfirmed, unconfirmedCreates } from '../engine/sessionJournal.ts';
import { defaultOperation } from '../src/spec/index.ts';
import { recoverLostCreates } from './recoverLostCreates.ts';
import { listenOnLoopback } from '../test/support/listenOnLoopback.ts';

/**
 * After a run, the sessions of creates whose answer was lost: found in the connector's list by their
 * participants and time, deleted when they can only be the run's, left alone and named when they may be
 * someone else's, and reported when the list cannot be read.
 */
const model = defaultOperation();
const settings = { auth: 'none' as const, region: 'us-east-1', timeoutMs: 5_000, maxBodyBytes: 1024 * 1024 };
const PAIR = ['+12065550101', '+12065550102'];

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** A journal holding `lost` creates of PAIR on the emulator's connector whose answers were lost. */
function journalWithLost(endpoint: string, voiceConnectorId: string, lost: number): string {
  const file = join(mkdtempSync(join(tmpdir(), 'conformance-recover-')), 'sessions.jsonl');
  for (let i = 0; i < lost; i++) recordUnconfirmed(file, { endpoint, voiceConnectorId, participants: PAIR, sentAt: Date.now() });
  return file;
}

/** A session of PAIR, made directly on the emulator (as a create whose answer never arrived would have). */
async function createSession(e: RunningEmulator): Promise<string> {
  const response = await fetch(`${e.url}/voice-connectors/${e.voiceConnectorId}/proxy-sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ParticipantPhoneNumbers: PAIR, Capabilities: ['Voice'] }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { ProxySession: { ProxySessionId: string } }).ProxySession.ProxySessionId;
}

describe('recoverLostCreates', () => {
  it('deletes the one session a lost create made', async () => {
    emulator = await startEmulator({});
    const id = await createSession(emulator);
    const file = journalWithLost(emulator.url, emulator.voiceConnectorId!, 1);
    const result = await recoverLostCreates(model, file, { ...settings, endpoint: emulator.url });
    expect(result).toEqual({ deleted: [`${emulator.voiceConnectorId}/${id}`], uncertain: [], failed: [], unsearched: [] });
    expect(emulator.openSessions()).toBe(0);
  });

  it('leaves alone and names the sessions when more match than the run lost creates: they may be someone else’s', async () => {
    emulator = await startEmulator({});
    const ids = [await createSession(emulator), await createSession(emulator)];
    const file = journalWithLost(emulator.url, emulator.voiceConnectorId!, 1);
    const result = await recoverLostCreates(model, file, { ...settings, endpoint: emulator.url });
    expect(result.deleted).toEqual([]);
    expect([...result.uncertain].sort()).toEqual(ids.map((id) => `${emulator!.voiceConnectorId}/${id}`).sort());
    expect(emulator.openSessions()).toBe(2);
  });

  it('says when the list cannot be read, and keeps the lost creates for sweep', async () => {
    const server = createServer((_, res) => res.writeHead(500, { 'content-type': 'application/json' }).end('{"Message":"internal error"}'));
    const port = await listenOnLoopback(server);
    const endpoint = `http://127.0.0.1:${port}`;
    try {
      const file = journalWithLost(endpoint, 'vc1', 2);
      const result = await recoverLostCreates(model, file, { ...settings, endpoint });
      expect(result).toEqual({ deleted: [], uncertain: [], failed: [], unsearched: [{ connector: 'vc1', creates: 2, reason: 'ListProxySessions answered 500' }] });
      expect(unconfirmedCreates(file)).toHaveLength(2);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
