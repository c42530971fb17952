import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { CheckFailure } from '../checks/index.ts';
import type { CapturedExchange, TrafficNote, TrafficRole, TrafficSink } from '../src/model/traffic.ts';
import { createTrafficCapture } from './captureTraffic.ts';

/** A sink that keeps what it is handed: the request's URL (which names the exchange) and its note. */
function memorySink() {
  const written: { url: string; note: TrafficNote }[] = [];
  const secrets: string[] = [];
  const sink: TrafficSink = {
    write: (exchange, note) => void written.push({ url: exchange.request.url, note }),
    secret: (value) => void secrets.push(value),
    close: async () => undefined,
  };
  return { sink, written, secrets };
}

const sent = (url: string, role: TrafficRole = 'call', attempt = 1): CapturedExchange => ({
  request: { method: 'POST', url, headers: {} },
  result: { status: 201, headers: {}, bodyText: '', elapsedMs: 1 },
  startedAt: 0,
  role,
  attempt,
});

const failure: CheckFailure = { check: 'status-code', path: 'status', expected: 201, actual: 500, message: 'expected 201, got 500', step: 1 };
const origin = (path: string) => ({ phase: 'case' as const, suite: 'acceptance', family: 'accept.random', path });

describe('createTrafficCapture', () => {
  it("holds a case's exchanges until it is judged, then writes them with its steps and failures", async () => {
    // Arrange
    const { sink, written } = memorySink();
    const traffic = createTrafficCapture(sink, { failuresOnly: false });

    // Act
    const outcome = await traffic.judged(
      origin('4'),
      async () => {
        traffic.exchange(sent('create'));
        traffic.exchange(sent('create-through-sdk', 'sdk-parses'));
        traffic.exchange(sent('get'));
        traffic.exchange(sent('get-retried', 'call', 2));
        traffic.exchange(sent('delete', 'cleanup'));
        expect(written).toEqual([]);
        return { failures: [failure] };
      },
      (o) => o.failures,
    );

    // Assert
    expect(outcome.failures).toEqual([failure]);
    const failures = [{ check: 'status-code', step: 1, message: 'expected 201, got 500' }];
    expect(written).toEqual([
      { url: 'create', note: { ...origin('4'), role: 'call', step: 0, failures } },
      { url: 'create-through-sdk', note: { ...origin('4'), role: 'sdk-parses', failures } },
      { url: 'get', note: { ...origin('4'), role: 'call', step: 1, failures } },
      { url: 'get-retried', note: { ...origin('4'), role: 'call', step: 1, attempt: 2, failures } },
      { url: 'delete', note: { ...origin('4'), role: 'cleanup', failures } },
    ]);
    expect(traffic.kept).toBe(5);
  });

  it('tells apart cases in flight at the same time, whichever finishes first', async () => {
    const { sink, written } = memorySink();
    const traffic = createTrafficCapture(sink, { failuresOnly: false });
    const slow = traffic.judged(origin('1'), async () => { traffic.exchange(sent('slow-1')); await sleep(20); traffic.exchange(sent('slow-2')); }, () => []);
    const fast = traffic.judged(origin('2'), async () => { await sleep(5); traffic.exchange(sent('fast-1')); }, () => []);
    await Promise.all([slow, fast]);
    expect(written.map((w) => `${w.note.phase === 'case' ? w.note.path : ''}:${w.url}:${w.note.step}`)).toEqual(['2:fast-1:0', '1:slow-1:0', '1:slow-2:1']);
  });

  it('with failuresOnly, keeps only the cases that failed a check, and shrinks, which only run for one', async () => {
    // Arrange
    const { sink, written } = memorySink();
    const traffic = createTrafficCapture(sink, { failuresOnly: true });

    // Act
    await traffic.within({ phase: 'preflight' }, async () => traffic.exchange(sent('preflight')));
    await traffic.judged(origin('0'), async () => traffic.exchange(sent('passed')), () => []);
    await traffic.judged(origin('1'), async () => traffic.exchange(sent('failed')), () => [failure]);
    await traffic.judged(origin('2'), async () => traffic.exchange(sent('interrupted')), () => undefined);
    await expect(traffic.judged(origin('3'), async () => { traffic.exchange(sent('crashed')); throw new Error('boom'); }, () => [failure])).rejects.toThrow('boom');
    await traffic.within({ phase: 'shrink', suite: 'acceptance', check: 'status-code' }, async () => traffic.exchange(sent('shrinking')));
    traffic.exchange(sent('outside any case'));

    // Assert
    expect(written.map((w) => w.url)).toEqual(['failed', 'shrinking']);
  });

  it('without failuresOnly, keeps everything: cases that passed, were not judged or crashed, and what is outside any case', async () => {
    const { sink, written } = memorySink();
    const traffic = createTrafficCapture(sink, { failuresOnly: false });
    await traffic.within({ phase: 'preflight' }, async () => traffic.exchange(sent('preflight')));
    await traffic.judged(origin('0'), async () => traffic.exchange(sent('passed')), () => []);
    await traffic.judged(origin('2'), async () => traffic.exchange(sent('interrupted')), () => undefined);
    await expect(traffic.judged(origin('3'), async () => { traffic.exchange(sent('crashed')); throw new Error('boom'); }, () => [])).rejects.toThrow('boom');
    traffic.exchange(sent('outside any case'));
    expect(written.map((w) => `${w.url} (${w.note.phase})`)).toEqual(['preflight (preflight)', 'passed (case)', 'interrupted (case)', 'crashed (case)', 'outside any case (run)']);
    expect(written.every((w) => w.note.failures === undefined)).toBe(true);
  });

  it('passes on the credentials it is told of, and records nothing once closed', async () => {
    const { sink, written, secrets } = memorySink();
    const traffic = createTrafficCapture(sink, { failuresOnly: false });
    traffic.secret('secret-access-key');
    traffic.secret(undefined);
    await traffic.close();
    traffic.exchange(sent('late'));
    expect(secrets).toEqual(['secret-access-key']);
    expect(written).toEqual([]);
  });
});
