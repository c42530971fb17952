import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SHARE_ENV, Worker, type WorkerOptions } from 'node:worker_threads';
import type { RequestCase } from '../../generators/types.ts';
import { outbox, type FromWorker, type Outbox, type ToWorker } from './_workerMessages.ts';
import type { SdkOperation, SdkOutcome, SdkSender, SdkSettings, WireSend } from './types.ts';

/**
 * The official SDK of sdk-parses (createSdkSender) on a worker thread, so its work (serialising, signing,
 * its middleware, parsing the answer: about a third of the CPU of a run's engine) runs on another core
 * than the engine's. The thread only prepares and reads: every request the SDK signs comes back here and
 * goes out through `send` (the run's transport, with its budgets, rate, retries, timeouts and body limit),
 * and what that gave goes back to the SDK. What a step gives is the same SdkOutcome as in this thread
 * (structured clone keeps its Dates).
 *
 * One thread serves every run of the process, each with a client of its own: loading the SDK takes about
 * half a second, which a run would otherwise wait for before its first must-accept case. The thread keeps
 * the process alive only while a step is on its way.
 */
export function createSdkWorker(operation: SdkOperation, settings: SdkSettings, send: WireSend): SdkSender {
  const thread = (shared ??= new SdkThread());
  const pick: SdkSettings = {
    endpoint: settings.endpoint,
    region: settings.region,
    auth: settings.auth,
    timeoutMs: settings.timeoutMs,
    maxBodyBytes: settings.maxBodyBytes,
    ...(settings.profile !== undefined ? { profile: settings.profile } : {}),
    ...(settings.testCredentials !== undefined ? { testCredentials: settings.testCredentials } : {}),
  };
  const sender = thread.open(operation, pick, send);
  return {
    send: (step, options = {}) => thread.call(sender, step, options.timeoutMs),
    destroy: async () => thread.close(sender),
  };
}

let shared: SdkThread | undefined;

/**
 * The file URL of tsx's ESM API (`tsx/esm/api`, its `import` export). Not import.meta.resolve: vite's module
 * runner (the suites under vitest, suites/vitest.config.ts) does not support it. Not require.resolve of the
 * specifier either: that gives the `require` export, whose register() cannot find its hooks from a thread.
 */
function tsxEsmApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const { exports } = require(manifest) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(manifest), exports['./esm/api']!.import.default)).href;
}

interface Pending {
  resolve(outcome: SdkOutcome | undefined): void;
  reject(error: Error): void;
}

class SdkThread {
  readonly #worker: Worker;
  readonly #out: Outbox<ToWorker>;
  readonly #calls = new Map<number, Pending>();
  readonly #senders = new Map<number, WireSend>();
  #next = 0;
  #stopped: Error | undefined;

  constructor() {
    // The same environment, live: the credential chain reads AWS_PROFILE and the rest as this thread does.
    const options: WorkerOptions = { env: SHARE_ENV };
    const entry = new URL(import.meta.url.endsWith('.ts') ? './sdkWorker.ts' : './sdkWorker.js', import.meta.url);
    // From the TypeScript sources (the project's tests, the bench) the thread first registers tsx to load
    // them: a thread does not inherit the loader hooks of the one that started it. The compiled package
    // runs sdkWorker.js as it is.
    this.#worker = entry.pathname.endsWith('.ts')
      ? new Worker(`import(${JSON.stringify(tsxEsmApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`, { ...options, eval: true })
      : new Worker(entry, options);
    this.#out = outbox((batch) => this.#worker.postMessage(batch));
    this.#worker.unref();
    this.#worker.on('message', (batch: FromWorker[]) => {
      for (const message of batch) this.#receive(message);
    });
    this.#worker.on('error', (error) => this.#stop(new Error(`the SDK worker thread failed: ${error.message}`)));
    this.#worker.on('exit', (code) => this.#stop(new Error(`the SDK worker thread exited (code ${code})`)));
  }

  open(operation: SdkOperation, settings: SdkSettings, send: WireSend): number {
    const sender = this.#next++;
    this.#senders.set(sender, send);
    this.#post({ type: 'open', sender, operation, settings });
    return sender;
  }

  call(sender: number, step: RequestCase, timeoutMs: number | undefined): Promise<SdkOutcome | undefined> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    return new Promise((resolve, reject) => {
      const call = this.#next++;
      if (this.#calls.size === 0) this.#worker.ref();
      this.#calls.set(call, { resolve, reject });
      this.#post({ type: 'send', sender, call, step, ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
    });
  }

  close(sender: number): void {
    this.#senders.delete(sender);
    if (!this.#stopped) this.#post({ type: 'close', sender });
  }

  #receive(message: FromWorker): void {
    switch (message.type) {
      case 'wire': {
        const send = this.#senders.get(message.sender);
        const { wire } = message;
        if (!send) return this.#post({ type: 'wired', wire, error: 'the run that sent this request is over' });
        send(message.request, message.options).then(
          (result) => this.#post({ type: 'wired', wire, result }),
          (error: unknown) => this.#post({ type: 'wired', wire, error: error instanceof Error ? error.message : String(error) }),
        );
        return;
      }
      case 'done':
        return this.#settle(message.call)?.resolve(message.outcome);
      case 'failed':
        return this.#settle(message.call)?.reject(new Error(`the SDK worker thread failed: ${message.message}`));
    }
  }

  #settle(call: number): Pending | undefined {
    const pending = this.#calls.get(call);
    this.#calls.delete(call);
    if (this.#calls.size === 0) this.#worker.unref();
    return pending;
  }

  #post(message: ToWorker): void {
    this.#out.post(message);
  }

  /** The thread is gone: every step on its way fails (a tool error, not a verdict), and the next run starts a new one. */
  #stop(error: Error): void {
    this.#stopped ??= error;
    if (shared === this) shared = undefined;
    for (const pending of this.#calls.values()) pending.reject(this.#stopped);
    this.#calls.clear();
  }
}
