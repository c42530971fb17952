/** Ctrl-C and SIGTERM, caught for the whole run so it can stop, report and delete what it created first. */
export interface SignalWatch {
  /** The first signal received, if any. */
  readonly received: string | undefined;
  /** Aborted by the first signal: no new request goes out and those in flight are aborted (cleanup excepted). */
  readonly stop: AbortSignal;
  /** Aborted by a second signal, or when the cleanup grace after the first one ends: cleanup stops too. */
  readonly cleanupStop: AbortSignal;
  dispose(): void;
}

/**
 * A terminal's Ctrl-C reaches every process of the foreground group, and npx also forwards the SIGINT it
 * got to this one: a second signal this soon after the first is the same keypress.
 */
const SAME_KEYPRESS_MS = 750;

export interface SignalOptions {
  /** How long cleanup may take after the first signal before it is cut short. */
  graceMs: number;
  /** The command that deletes what a cut-short cleanup leaves (named when cleanup is skipped). */
  sweepCommand: string;
  write?: (text: string) => void;
  /** Where SIGINT and SIGTERM arrive: `process`, unless a test emits them on an emitter of its own. */
  source?: SignalSource;
  /** A monotonic clock in milliseconds, to tell one keypress from two: `performance.now`, unless a test drives it. */
  now?: () => number;
}

/** The part of `process` the watch listens on. */
export interface SignalSource {
  on(event: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
  off(event: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
}

/**
 * Replaces Node's "exit at once" for SIGINT and SIGTERM while a run is going. The first signal stops the
 * run: requests in flight are aborted, the cases judged so far are reported, and the sessions the run
 * created are deleted within `graceMs`. A second signal skips what is left of that cleanup and names the
 * sweep that finishes it.
 */
export function watchSignals(options: SignalOptions): SignalWatch {
  const write = options.write ?? ((text: string) => process.stderr.write(text));
  const source = options.source ?? process;
  const now = options.now ?? (() => performance.now());
  const stop = new AbortController();
  const cleanupStop = new AbortController();
  let received: string | undefined;
  let grace: NodeJS.Timeout | undefined;
  let firstAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received === undefined) {
      received = signal;
      firstAt = now();
      write(`\nconformance: ${signal}: stopping; deleting the sessions this run created (at most ${Math.round(options.graceMs / 1000)} s; press Ctrl-C again to skip)...\n`);
      stop.abort(signal);
      grace = setTimeout(() => cleanupStop.abort('grace'), options.graceMs);
      grace.unref();
      return;
    }
    // The same keypress, delivered twice: once by the terminal to the whole group, once forwarded by npx.
    if (cleanupStop.signal.aborted || now() - firstAt < SAME_KEYPRESS_MS) return;
    write(`\nconformance: ${signal} again: skipping the cleanup; run \`${options.sweepCommand}\` to delete what this run left open.\n`);
    cleanupStop.abort(signal);
  };
  source.on('SIGINT', onSignal);
  source.on('SIGTERM', onSignal);
  return {
    get received() {
      return received;
    },
    stop: stop.signal,
    cleanupStop: cleanupStop.signal,
    dispose() {
      clearTimeout(grace);
      source.off('SIGINT', onSignal);
      source.off('SIGTERM', onSignal);
    },
  };
}
