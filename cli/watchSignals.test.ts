import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchSignals } from './watchSignals.ts';

/** SAME_KEYPRESS_MS in watchSignals.ts: signals closer than this to the first are one Ctrl-C. */
const SAME_KEYPRESS_MS = 750;
const GRACE_MS = 3_000;
const SWEEP = 'npx conformance sweep --report-dir conformance-report';

/**
 * A watch on an emitter of the test's own and a clock the test sets: emitting SIGINT on the real `process`
 * would also reach vitest's worker, and the keypress window is about time, not timers.
 */
function setup() {
  const source = new EventEmitter();
  let clock = 1_000;
  const written: string[] = [];
  const watch = watchSignals({ graceMs: GRACE_MS, sweepCommand: SWEEP, write: (text) => written.push(text), source, now: () => clock });
  /** The signal `signal`, `atMs` after the watch began. */
  const send = (signal: NodeJS.Signals, atMs: number) => {
    clock = 1_000 + atMs;
    source.emit(signal, signal);
  };
  return { source, watch, written, send };
}

describe('watchSignals', () => {
  // The cleanup grace is a real timer; fake ones let a test pass it without waiting 3 s.
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => vi.useRealTimers());

  it('before any signal: nothing stopped, nothing written', () => {
    const { watch, written } = setup();
    expect(watch.received).toBeUndefined();
    expect(watch.stop.aborted).toBe(false);
    expect(watch.cleanupStop.aborted).toBe(false);
    expect(written).toEqual([]);
    watch.dispose();
  });

  describe.each(['SIGINT', 'SIGTERM'] as const)('%s', (signal) => {
    it('once: the run stops and the cleanup goes on', () => {
      // Arrange
      const { watch, written, send } = setup();
      // Act
      send(signal, 0);
      // Assert
      expect(watch.received).toBe(signal);
      expect(watch.stop.aborted).toBe(true);
      expect(watch.stop.reason).toBe(signal);
      expect(watch.cleanupStop.aborted).toBe(false);
      expect(written).toEqual([`\nconformance: ${signal}: stopping; deleting the sessions this run created (at most 3 s; press Ctrl-C again to skip)...\n`]);
      watch.dispose();
    });

    it('twice within the window (a terminal Ctrl-C plus the copy npx forwards): still one keypress, the cleanup goes on', () => {
      const { watch, written, send } = setup();
      send(signal, 0);
      send(signal, 0);
      send(signal, SAME_KEYPRESS_MS - 1);
      expect(watch.received).toBe(signal);
      expect(watch.cleanupStop.aborted).toBe(false);
      expect(written).toHaveLength(1);
      watch.dispose();
    });

    it('again once the window has passed: a second keypress, the cleanup stops and the sweep is named', () => {
      const { watch, written, send } = setup();
      send(signal, 0);
      send(signal, 10);
      send(signal, SAME_KEYPRESS_MS);
      expect(watch.received).toBe(signal);
      expect(watch.cleanupStop.aborted).toBe(true);
      expect(watch.cleanupStop.reason).toBe(signal);
      expect(written).toEqual([
        expect.stringContaining(`${signal}: stopping`),
        `\nconformance: ${signal} again: skipping the cleanup; run \`${SWEEP}\` to delete what this run left open.\n`,
      ]);
      watch.dispose();
    });
  });

  it('SIGINT and SIGTERM are one stream: the other signal within the window is the same keypress, after it the second', () => {
    const { watch, written, send } = setup();
    send('SIGINT', 0);
    send('SIGTERM', 100);
    expect(watch.received).toBe('SIGINT');
    expect(watch.cleanupStop.aborted).toBe(false);
    send('SIGTERM', SAME_KEYPRESS_MS + 100);
    expect(watch.cleanupStop.reason).toBe('SIGTERM');
    expect(written).toHaveLength(2);
    watch.dispose();
  });

  it('the cleanup ends when its grace is over, and a later Ctrl-C has nothing left to skip', () => {
    const { watch, written, send } = setup();
    send('SIGINT', 0);
    vi.advanceTimersByTime(GRACE_MS - 1);
    expect(watch.cleanupStop.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(watch.cleanupStop.reason).toBe('grace');
    send('SIGINT', GRACE_MS + SAME_KEYPRESS_MS);
    expect(watch.cleanupStop.reason).toBe('grace');
    expect(written).toHaveLength(1);
    watch.dispose();
  });

  it('dispose: listens no more and ends no cleanup', () => {
    const { source, watch, send } = setup();
    send('SIGINT', 0);
    watch.dispose();
    expect(source.listenerCount('SIGINT')).toBe(0);
    expect(source.listenerCount('SIGTERM')).toBe(0);
    vi.advanceTimersByTime(GRACE_MS);
    expect(watch.cleanupStop.aborted).toBe(false);
  });
});
