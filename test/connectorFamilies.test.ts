import { mkdtempSync, readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorOptions } from '../emulator/index.ts';
import { callOperation } from '../emulator/_testClient.ts';
import { createRunContext } from '../engine/runContext.ts';
import { runSuites } from '../engine/runSuites.ts';
import { localRunOptions } from '../engine/localRunOptions.ts';
import { outstandingConnectors } from '../engine/sessionJournal.ts';
import type { RunOptions, SuiteResult } from '../engine/types.ts';
import { finish } from '../reports/index.ts';
import { coverageMatrix } from '../reports/_coverage.ts';
import { specConstraints } from '../reports/specConstraints.ts';
import { defaultOperation } from '../src/spec/index.ts';

/**
 * The families of the operations that change a voice connector (generators/connectorFamilies.ts) never
 * touch a connector of the user's: against one they are not run, and the report says so; where they run,
 * each case acts only on what it or the run made, and leaves nothing behind.
 */
const model = defaultOperation();
const { operations, proxy } = model.spec.lifecycle.provision;

/** Runs the suites against a fresh emulator, recording every request it is sent (method and path). */
async function run(emulator: EmulatorOptions, overrides: Partial<RunOptions>, suites = ['acceptance', 'rejection', 'unspecified'], after?: (e: Awaited<ReturnType<typeof startEmulator>>) => Promise<void>) {
  const running = await startEmulator({ model, ...emulator });
  const port = Number(new URL(running.url).port);
  const seen: string[] = [];
  const onStart = (message: unknown) => {
    const { request } = message as { request: IncomingMessage };
    if (request.socket.localPort === port) seen.push(`${request.method} ${(request.url ?? '').split('?')[0]}`);
  };
  subscribe('http.server.request.start', onStart);
  try {
    const context = createRunContext(model, localRunOptions({ url: running.url, voiceConnectorId: running.voiceConnectorId }, { runs: 2, consistencyDelayMs: 0, ...overrides }));
    let results: SuiteResult[];
    try {
      results = await runSuites(context, suites);
    } finally {
      await context.close();
    }
    await after?.(running);
    return { results, seen, connectors: running.voiceConnectors() };
  } finally {
    unsubscribe('http.server.request.start', onStart);
    await running.close();
  }
}

/** Whether a request is a call of one of the operations that change a connector (its method on its path). */
function changesConnector(request: string): boolean {
  return Object.values(operations).some((name) => {
    const { method, uri } = model.operation(name).http;
    return new RegExp(`^${method} ${uri.replace(/\{\w+\}/g, '[^/]+')}$`).test(request);
  });
}

describe('against a voice connector of the user’s (the run may not change connectors)', () => {
  it('runs none of these families, says why for each, and sends no call that changes a connector', async () => {
    const { results, seen, connectors } = await run({}, { mayChangeConnectors: false });
    const families = results.flatMap((r) => r.suite.families ?? []);
    const unrun = families.filter((f) => Object.values(operations).some((op) => f.id.includes(`.${op}.`)));
    expect(unrun.length).toBeGreaterThan(100);
    for (const f of unrun) expect(f, f.id).toMatchObject({ cases: 0, notRun: expect.stringContaining('--provision') });
    expect(families.filter((f) => f.notRun !== undefined)).toEqual(unrun);
    expect(seen.filter(changesConnector)).toEqual([]);
    expect(seen.length).toBeGreaterThan(100);
    expect(connectors).toEqual(['conformance0reference1']);

    // The coverage matrix still lists every operation × constraint: these as not run, with why.
    const header = { tool: { name: 'conformance', version: 'test' }, operation: model.name, endpoint: '', target: 'external' as const, voiceConnectorId: '', seed: 0, runs: 2, startedAt: '' };
    const report = finish(header, results.map((r) => r.suite), results.flatMap((r) => r.checks), [], 0);
    const rows = coverageMatrix(report, specConstraints(model));
    const row = rows.find((r) => r.constraint === `${operations.putProxy}:/PhoneNumberPoolCountries#length`)!;
    expect(row.reject).toMatchObject({ cases: 0, notRun: [expect.stringContaining('voice connector of yours')] });
    expect(row.accept.notRun).toHaveLength(1);
    for (const constraint of specConstraints(model)) expect(rows.map((r) => r.constraint)).toContain(constraint);
  }, 120_000);
});

describe('where the run may change connectors', () => {
  it('calls each of these operations, on connectors the cases made, and removes every one of them (journalled)', async () => {
    const journalFile = join(mkdtempSync(join(tmpdir(), 'conformance-connectors-')), 'sessions.jsonl');
    const { results, seen, connectors } = await run({}, { journalFile });
    for (const r of results) expect(r.checks.filter((c) => c.failed > 0 && c.strength === 'required').map((c) => c.check), r.suite.suite).toEqual([]);
    for (const name of Object.values(operations)) expect(seen.filter(changesConnector).some((s) => s.startsWith(`${model.operation(name).http.method} `)), name).toBe(true);
    // Only the must-reject Puts name the run's connector (a correct endpoint refuses them all).
    const onRunConnector = seen.filter((s) => changesConnector(s) && s.includes('/conformance0reference1/'));
    expect(onRunConnector.length).toBeGreaterThan(0);
    expect(onRunConnector.every((s) => s.startsWith(`${model.operation(operations.putProxy).http.method} `))).toBe(true);
    expect(connectors).toEqual(['conformance0reference1']);
    const journal = readFileSync(journalFile, 'utf8');
    expect(journal.split('\n').filter((l) => l.startsWith('{"provisioned"')).length).toBeGreaterThan(10);
    expect(outstandingConnectors(journalFile)).toEqual([]);
  }, 120_000);

  it('puts the run’s proxy configuration back after an endpoint wrongly accepted a must-reject Put', async () => {
    let after: unknown;
    const { results } = await run({ faults: ['put-proxy-countries-unchecked'] }, {}, ['rejection'], async (e) => {
      after = (await callOperation(e, 'GetVoiceConnectorProxy')).json;
    });
    expect(results[0]!.checks.find((c) => c.check === 'status-code')!.failed).toBeGreaterThan(0);
    expect(after).toEqual({ Proxy: { DefaultSessionExpiryMinutes: proxy.DefaultSessionExpiryMinutes, Disabled: false, PhoneNumberCountries: proxy.PhoneNumberPoolCountries } });
  }, 120_000);
});
