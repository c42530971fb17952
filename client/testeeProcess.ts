import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** The longest line a testee may write: far beyond any answer of the spec's operations. */
const MAX_LINE_BYTES = 8 * 1024 * 1024;
/** How much of the testee's stderr is kept for messages. */
const STDERR_TAIL_BYTES = 4096;

/** What waiting for the testee's next line gave. */
export type TesteeEvent =
  | { kind: 'line'; line: string }
  | { kind: 'exited'; code: number | null; signal: NodeJS.Signals | null }
  | { kind: 'timeout'; afterMs: number }
  | { kind: 'not-started'; message: string }
  | { kind: 'too-long' };

export interface TesteeProcess {
  /** Writes one line (a JSON message) to its stdin. */
  send(line: string): void;
  /** The next line it writes, or why there is none within `timeoutMs`. */
  next(timeoutMs: number): Promise<TesteeEvent>;
  /** The end of what it wrote to stderr (for messages; at most a few KB): all of it only after `close`. */
  stderrTail(): string;
  /**
   * Closes its stdin (the end of the cases), lets it exit for `graceMs`, then ends its whole process group
   * (SIGTERM, then SIGKILL): a testee never outlives the run. Then reads its stderr to the end.
   */
  close(graceMs: number): Promise<void>;
}

/**
 * Starts the testee in a process group of its own (so a shell or `npx` wrapper and whatever it starts are
 * ended with it), with `env` as its whole environment, and reads its stdout a line at a time.
 */
export function startTestee(command: readonly string[], env: NodeJS.ProcessEnv): TesteeProcess {
  const [file, ...args] = command;
  const lines: string[] = [];
  const waiters: Array<(event: TesteeEvent) => void> = [];
  let ended: TesteeEvent | undefined;
  let stderr = '';
  let child: ChildProcess;
  const settle = (event: TesteeEvent) => {
    if (event.kind === 'line') {
      const waiter = waiters.shift();
      if (waiter) waiter(event);
      else lines.push(event.line);
      return;
    }
    ended ??= event;
    for (const waiter of waiters.splice(0)) waiter(ended);
  };
  try {
    child = spawn(file!, args, { env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  } catch (error) {
    ended = { kind: 'not-started', message: (error as Error).message };
    return closedTestee(ended);
  }
  child.on('error', (error: NodeJS.ErrnoException) => settle({ kind: 'not-started', message: error.code === 'ENOENT' ? `${file}: command not found` : error.message }));
  child.stdin!.on('error', () => undefined);
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL_BYTES);
  });
  let exited: TesteeEvent | undefined;
  const reader = createInterface({ input: child.stdout!, crlfDelay: Infinity });
  reader.on('line', (line) => {
    if (Buffer.byteLength(line) > MAX_LINE_BYTES) settle({ kind: 'too-long' });
    else settle({ kind: 'line', line });
  });
  // A line may still be in the pipe when the process exits: its exit is reported once stdout is read.
  let stdoutClosed = false;
  const reportExit = () => {
    if (exited && stdoutClosed) settle(exited);
  };
  reader.on('close', () => {
    stdoutClosed = true;
    reportExit();
  });
  child.on('exit', (code, signal) => {
    exited = { kind: 'exited', code, signal };
    reportExit();
  });
  const group = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  return {
    send: (line) => {
      if (!ended && child.stdin!.writable) child.stdin!.write(`${line}\n`);
    },
    next: (timeoutMs) => {
      const queued = lines.shift();
      if (queued !== undefined) return Promise.resolve({ kind: 'line', line: queued });
      if (ended) return Promise.resolve(ended);
      return new Promise<TesteeEvent>((resolve) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(done), 1);
          resolve({ kind: 'timeout', afterMs: timeoutMs });
        }, timeoutMs);
        const done = (event: TesteeEvent) => {
          clearTimeout(timer);
          resolve(event);
        };
        waiters.push(done);
      });
    },
    stderrTail: () => stderr,
    close: async (graceMs) => {
      child.stdin!.end();
      if (!exited && !(await exitWithin(child, graceMs))) {
        group('SIGTERM');
        if (!(await exitWithin(child, 1_000))) {
          group('SIGKILL');
          await exitWithin(child, 1_000);
        }
      }
      // Whatever the testee left in its group (a grandchild holding the pipes) goes too.
      group('SIGKILL');
      // What it wrote to stderr just before a bad line or its exit may still be in the pipe: stdout and
      // stderr are read in whatever order they become readable, so read stderr to its end (bounded: a
      // process outside the group may still hold it open).
      await endWithin(child.stderr!, 1_000);
      reader.close();
      child.stdout!.destroy();
      child.stderr!.destroy();
    },
  };
}

// --- internal ---

function exitWithin(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, ms);
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

function endWithin(stream: NodeJS.ReadableStream & { readableEnded: boolean; destroyed: boolean }, ms: number): Promise<void> {
  if (stream.readableEnded || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stream.off('end', done);
      stream.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    stream.once('end', done);
    stream.once('close', done);
  });
}

function closedTestee(event: TesteeEvent): TesteeProcess {
  return { send: () => undefined, next: async () => event, stderrTail: () => '', close: async () => undefined };
}
