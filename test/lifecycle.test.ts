import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { selectSuites } from '../cli/selectSuites.ts';
import { startEmulator, type EmulatorOptions } from '../emulator/index.ts';
import type { CheckSummary, FailureRecord } from '../checks/index.ts';
import { UsageError } from '../src/errors.ts';
import { buildRequest, isTransportFailure, readClock, sendRequest } from '../src/protocol/index.ts';
import { defaultOperation } from '../src/spec/index.ts';
import { localRunOptions } from '../engine/localRunOptions.ts';
import { createRunContext } from '../engine/runContext.ts';
import { runSuite } from '../engine/runSuites.ts';
import type { RunOptions, SuiteResult } from '../engine/types.ts';
import { suiteGroups } from '../engine/suiteGroups.ts';
import { failedChecks, runFails } from './support/runAgainst.ts';

/**
 * The lifecycle suite (engine/lifecycle): model-based sequences against the reference emulator.
 * The unbroken emulator passes and is left as found; a broken one fails the check one would expect, with a
 * sequence shrunk to the calls that matter, reproducible from its seed and path; budgets and shards hold.
 */

const model = defaultOperation();
const group = suiteGroups.find((g) => g.id === 'lifecycle')!;
const scratch = mkdtempSync(join(tmpdir(), 'conformance-lifecycle-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The lifecycle suite against a fresh emulator (clock control on unless told); also the emulator's connector proxy set-up before and after. */
async function lifecycle(emulator: EmulatorOptions, overrides: Partial<RunOptions> = {}) {
  const running = await startEmulator({ model, clockControl: true, ...emulator });
  try {
    const options = localRunOptions({ url: running.url, voiceConnectorId: running.voiceConnectorId! }, { consistencyDelayMs: 0, runs: 10, ...overrides });
    const proxy = () => {
      const get = model.operation('GetVoiceConnectorProxy');
      return sendRequest(buildRequest(get, running.url, { labels: { VoiceConnectorId: running.voiceConnectorId! } }), { timeoutMs: 5_000, maxBodyBytes: 65_536 });
    };
    const before = await proxy();
    const context = createRunContext(model, options);
    const result = await runSuite(context, group.id).finally(() => context.close());
    const after = await proxy();
    return { result, leftOpen: running.openSessions(), before, after, options, clock: await readClock(running.url, 5_000) };
  } finally {
    await running.close();
  }
}

const check = (result: SuiteResult, id: string): CheckSummary => result.checks.find((c) => c.check === id)!;
const shrunkFailure = (result: SuiteResult, id: string): FailureRecord => check(result, id).failures[0]!;
/** A sequence without its session ids (new every run): operation and status of each call. */
const shape = (f: FailureRecord) => f.sequence!.map((s) => `${s.operation} ${s.response?.status}`);

describe('the lifecycle suite against the unbroken reference emulator', () => {
  it('passes every check, deletes every session it made and leaves the connector as it was', async () => {
    const { result, leftOpen, before, after, clock } = await lifecycle({});
    expect(result.suite.error).toBeUndefined();
    expect([...failedChecks([result])]).toEqual([]);
    // 30 sequences (3 per --runs) and one run of each of the 5 probes.
    expect(result.suite.cases).toBe(35);
    for (const id of ['read-after-create', 'list-complete', 'page-size-respected', 'pagination-ends', 'update-reflected', 'delete-then-not-found', 'session-id-never-reused', 'distinct-proxy-numbers', 'expiry-closes-session', 'sticky-numbers', 'geo-match', 'default-expiry']) {
      expect(check(result, id).cases, id).toBeGreaterThan(0);
    }
    expect(result.suite.consistencyRetries).toBe(0);
    expect(leftOpen).toBe(0);
    // The connector's proxy configuration (GetVoiceConnectorProxy) is what it was.
    const proxy = (r: typeof before) => (!isTransportFailure(r) ? { status: r.status, body: r.json } : r);
    expect(proxy(before)).toMatchObject({ status: model.operation('GetVoiceConnectorProxy').http.code });
    expect(proxy(after)).toEqual(proxy(before));
    // The expiry probe puts the clock back: a long-lived emulator's timestamps stay current.
    expect(clock?.offsetSeconds).toBe(0);
  });

  it('without a controllable clock, expiry is not judged and the suite says why', async () => {
    const { result, leftOpen } = await lifecycle({ clockControl: false }, { runs: 1 });
    expect(check(result, 'expiry-closes-session').cases).toBe(0);
    expect(check(result, 'expiry-closes-session').skipReason).toMatch(/no controllable clock/);
    expect(runFails([result])).toBe(false);
    expect(leftOpen).toBe(0);
  });
});

describe('a failing sequence is shrunk to the calls that matter and reported call by call', () => {
  it('delete-noop: Create, Delete, then a call on the deleted id that still finds it', async () => {
    const { result } = await lifecycle({ faults: ['delete-noop'] });
    const f = shrunkFailure(result, 'delete-then-not-found');
    expect(f.shrunk).toBe(true);
    expect(f.sequence!.length).toBeLessThanOrEqual(3);
    const [create, del, last] = f.sequence!;
    expect(create!.operation).toBe('CreateProxySession');
    expect(del!.operation).toBe('DeleteProxySession');
    const id = JSON.parse(create!.response!.body).ProxySession.ProxySessionId as string;
    expect(del!.request.url).toContain(id);
    expect(last!.request.url).toContain(id);
    expect(last!.title).toContain('(deleted)');
    // The failing call is the last one; its exchange and curl line are the record's.
    expect(f.request).toEqual(last!.request);
    expect(f.response?.status).toBe(last!.response?.status);
    expect(f.sequence!.map((s) => s.step)).toEqual([1, 2, 3].slice(0, f.sequence!.length));
    expect(last!.curl).toMatch(/^curl .*-X (GET|POST|DELETE) /);
    expect(f.replay).toMatch(new RegExp(`^npx conformance --seed 20261127 --family lifecycle.sequences --path ${f.replayPath} --case-digest [0-9a-f]{12}$`));
    expect(f.id).toMatch(/^[0-9a-f]{12}$/);
  });

  it('list-missing-session: at most 2 calls; the same seed gives the same sequence, and its replay line regenerates it', async () => {
    const first = await lifecycle({ faults: ['list-missing-session'] });
    const f = shrunkFailure(first.result, 'list-complete');
    expect(f.sequence!.length).toBeLessThanOrEqual(2);
    expect(f.sequence!.at(-1)!.operation).toBe('ListProxySessions');
    expect(first.leftOpen).toBe(0);

    const again = shrunkFailure((await lifecycle({ faults: ['list-missing-session'] })).result, 'list-complete');
    expect([again.id, again.replayPath, shape(again)]).toEqual([f.id, f.replayPath, shape(f)]);

    // What `--family lifecycle.sequences --seed S --path P --case-digest D` runs: exactly that one
    // sequence (the digest of the shrunk sequence is the one its path regenerates), the same failure.
    const caseDigest = /--case-digest ([0-9a-f]{12})$/.exec(f.replay)![1]!;
    const replayed = await lifecycle({ faults: ['list-missing-session'] }, { family: f.family, path: f.replayPath, caseDigest });
    expect(replayed.result.suite.cases).toBe(1);
    const r = shrunkFailure(replayed.result, 'list-complete');
    expect([r.id, r.replayPath, shape(r), r.replay]).toEqual([f.id, f.replayPath, shape(f), f.replay]);
    expect(replayed.leftOpen).toBe(0);
    // Another sequence at that path (a report of other generators) is not run.
    const stale = await lifecycle({ faults: ['list-missing-session'] }, { family: f.family, path: f.replayPath, caseDigest: caseDigest === '000000000000' ? '111111111111' : '000000000000' });
    expect(stale.result.suite.cases).toBe(0);
    expect(stale.result.suite.error).toMatch(/^--case-digest [01]{12} does not match the case at --family lifecycle.sequences --path [\d:]+ \(its digest is [0-9a-f]{12} now\)/);
  });

  it('a read that disagrees with the model is repeated per spec /lifecycle/consistency, and the repeats are counted', async () => {
    const { result, leftOpen } = await lifecycle({ faults: ['get-wrong-participants'] });
    const f = shrunkFailure(result, 'read-after-create');
    const attempts = model.spec.lifecycle.consistency.attempts;
    expect(f.sequence!.at(-1)!.consistencyRetries).toBe(attempts - 1);
    expect(result.suite.consistencyRetries).toBeGreaterThanOrEqual(attempts - 1);
    expect(leftOpen).toBe(0);
  });

  // The checks every call gets (judgeAnswer) can fail on lifecycle calls too, not only in the other suites.
  it.concurrent.each([
    ['epoch-timestamps', 'response-schema'],
    ['non-json-error-body', 'error-contract'],
    ['wrong-error-type', 'error-name'],
    ['huge-success-body', 'transport'],
  ] as const)('%s fails %s', async (fault, failing) => {
    const { result, leftOpen } = await lifecycle({ faults: [fault] }, { runs: 2 });
    expect([...failedChecks([result])]).toContain(failing);
    expect(leftOpen).toBe(0);
  });

  it('reuse-proxy-number (one proxy number per participant in every session) fails distinct-proxy-numbers', async () => {
    const { result, leftOpen } = await lifecycle({ faults: ['reuse-proxy-number'] });
    expect([...failedChecks([result])]).toContain('distinct-proxy-numbers');
    expect(leftOpen).toBe(0);
  });
});

describe('limits', () => {
  it('--max-sessions 3: at most 3 sessions, a notice instead of a failure, nothing left open', async () => {
    const journalFile = join(scratch, 'budget.jsonl');
    const { result, leftOpen } = await lifecycle({}, { maxSessions: 3, journalFile });
    const created = readFileSync(journalFile, 'utf8').split('\n').filter((l) => l.startsWith('{"created"')).length;
    expect(created).toBeGreaterThan(0);
    expect(created).toBeLessThanOrEqual(3);
    expect(result.suite.notice).toMatch(/--max-sessions 3/);
    expect(runFails([result])).toBe(false);
    expect(leftOpen).toBe(0);
  });

  it('runs only in shard 1 of a sharded run', async () => {
    const other = await lifecycle({}, { runs: 1, shard: { index: 2, count: 3 } });
    expect([other.result.suite.cases, other.result.suite.requests]).toEqual([0, 0]);
    expect(check(other.result, 'status-code').skipReason).toMatch(/shard 1 of 3/);
    const first = await lifecycle({}, { runs: 1, shard: { index: 1, count: 3 } });
    expect(first.result.suite.cases).toBeGreaterThan(0);
  });

  it('--suite lifecycle and --family lifecycle.* select it; an unknown lifecycle family is a usage error', () => {
    expect(selectSuites(model, ['lifecycle'], undefined)).toEqual(['lifecycle']);
    expect(selectSuites(model, undefined, 'lifecycle.sequences')).toEqual(['lifecycle']);
    expect(selectSuites(model, undefined, 'lifecycle.expiry')).toEqual(['lifecycle']);
    expect(() => selectSuites(model, undefined, 'lifecycle.nope')).toThrow(UsageError);
  });
});
