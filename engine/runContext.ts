// Not through src/sdk/index.ts, which would load the SDK itself into this thread: it runs on its own.
import { createSdkWorker } from '../src/sdk/createSdkWorker.ts';
import { sdkOperation } from '../src/sdk/sdkOperation.ts';
import type { SdkSender } from '../src/sdk/index.ts';
import type { OperationModel } from '../src/spec/index.ts';
import { createTransport, type Transport } from './createTransport.ts';
import { journalLostCreates } from './journalLostCreates.ts';
import { createRunLimits, type RunLimits } from './runLimits.ts';
import type { RunOptions } from './types.ts';

/** What a running suite has done so far; the CLI shows it as a progress line. */
export interface Progress {
  suite: string;
  done: number;
  total: number;
  /** Cases so far with a transport failure or an unexpected status (the full checks run at the end of a suite). */
  failing: number;
  startedAt: number;
}

/**
 * Everything one run shares, passed explicitly to every suite, case and sequence: its options, its limits
 * (session and request budgets, rate), its transport (one connection pool, signing, retries), the official
 * SDK client of sdk-parses, and how it reports progress and learns it must stop. Nothing of a run lives in
 * module state, so two runs in one process (the project's tests, a library user) never share a budget, and
 * whoever drives the suites (the CLI, vitest, a library call) gets the same behaviour.
 */
export interface RunContext {
  readonly model: OperationModel;
  readonly options: RunOptions;
  readonly limits: RunLimits;
  readonly transport: Transport;
  /** The official SDK over the run's transport (sdk-parses), on its worker thread, made on first use. */
  sdk(): SdkSender;
  /** Families whose expected error was already sent through the SDK (one probe per family is enough). */
  readonly sdkProbed: Set<string>;
  /** Called as cases are judged; the CLI draws its progress line from it. */
  progress(progress: Progress): void;
  /** Aborted when the run must stop (Ctrl-C, SIGTERM): no new case or sequence starts. */
  readonly signal: AbortSignal;
  close(): Promise<void>;
}

export interface RunHooks {
  progress?: (progress: Progress) => void;
  /** Aborted when the run must stop: no new case starts and requests in flight are aborted (not judged). */
  signal?: AbortSignal;
  /** Aborted when even cleanup must stop (its grace ended, or a second Ctrl-C). */
  cleanupSignal?: AbortSignal;
}

export function createRunContext(model: OperationModel, options: RunOptions, hooks: RunHooks = {}): RunContext {
  const limits = createRunLimits(options);
  const transport = createTransport(
    model,
    {
      ...options,
      connections: options.concurrency,
      onCreateAnswer: journalLostCreates(model, options),
      ...(hooks.signal ? { signal: hooks.signal } : {}),
      ...(hooks.cleanupSignal ? { cleanupSignal: hooks.cleanupSignal } : {}),
    },
    limits,
  );
  let sdk: SdkSender | undefined;
  return {
    model,
    options,
    limits,
    transport,
    // The SDK's copies of creates are creates the run can do without: they never claim a case's room (its
    // copies of reads make nothing: `creates` false). The SDK signs its requests itself (with the run's
    // credentials); they go out as it signed them.
    sdk: () => (sdk ??= createSdkWorker(sdkOperation(model), options, (request, o) => transport.send(request, { creates: true, optional: true, signed: true, ...o }))),
    sdkProbed: new Set(),
    progress: hooks.progress ?? (() => undefined),
    signal: hooks.signal ?? new AbortController().signal,
    close: async () => {
      await sdk?.destroy();
      await transport.close();
    },
  };
}
