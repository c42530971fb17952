/** Ctrl-C and SIGTERM, caught for the whole run so it can stop and delete what it created first. */
export interface SignalWatch {
  /** The first signal received, if any. */
  readonly received: string | undefined;
  /** Resolves with the first signal. */
  readonly next: Promise<string>;
  dispose(): void;
}

/**
 * Replaces the default "exit at once" for SIGINT and SIGTERM while a run is going: the run stops sending,
 * then its sessions are deleted, then the CLI exits. Further signals are absorbed until then: sessions
 * left on a live account cost more than a second of patience.
 */
export function watchSignals(): SignalWatch {
  let received: string | undefined;
  let resolve: (signal: string) => void = () => undefined;
  const next = new Promise<string>((r) => (resolve = r));
  const onSignal = (signal: NodeJS.Signals) => {
    if (received === undefined) process.stderr.write(`\nconformance: ${signal}: stopping, then deleting the sessions this run created...\n`);
    received ??= signal;
    resolve(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    get received() {
      return received;
    },
    next,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
