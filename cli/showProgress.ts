import type { Progress } from '../engine/runContext.ts';

/**
 * On a terminal the redrawn line goes to stderr (it is cleared before the report); in logs and pipes the
 * plain lines go to stdout with the report, so stderr carries nothing but errors.
 */
function progressStream(): NodeJS.WriteStream {
  return process.stderr.isTTY === true && process.env.CI !== 'true' ? process.stderr : process.stdout;
}

/** The progress line of a run: `update` with each judged case (RunContext.progress), `stop` at the end. */
export interface ProgressLine {
  update(progress: Progress): void;
  stop(): void;
}

/**
 * The progress of a run as the engine reports it. On a terminal: one line, redrawn in place at most five
 * times a second (suite, cases done, failing so far, rate, time left). In CI logs and pipes: a plain line
 * every 15 s, and nothing at all for runs shorter than that.
 */
export function showProgress(stream: NodeJS.WriteStream = progressStream(), interactive = stream.isTTY === true && process.env.CI !== 'true'): ProgressLine {
  let latest: Progress | undefined;
  let last = '';
  let lastPlain = Date.now();
  const tick = () => {
    const p = latest;
    if (!p) return;
    const seconds = Math.max(0.001, (Date.now() - p.startedAt) / 1000);
    const rate = p.done / seconds;
    const left = rate > 0 ? Math.ceil((p.total - p.done) / rate) : undefined;
    const line = `${p.suite}: ${p.done}/${p.total} cases · ${p.failing} failing so far · ${Math.round(rate)} cases/s${left !== undefined && p.done < p.total ? ` · ~${left}s left` : ''}`;
    if (interactive) {
      if (line !== last) stream.write(`\r\u001b[2K${line}`);
      last = line;
    } else if (Date.now() - lastPlain >= 15_000) {
      stream.write(`${line}\n`);
      lastPlain = Date.now();
    }
  };
  const timer = setInterval(tick, interactive ? 200 : 1000);
  timer.unref();
  return {
    // Only the latest counts are kept; drawing is the timer's, so a fast run pays nothing per case.
    update: (progress) => void (latest = progress),
    stop() {
      clearInterval(timer);
      if (interactive && last) stream.write('\r\u001b[2K');
    },
  };
}
