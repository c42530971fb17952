import { readFileSync, rmSync } from 'node:fs';
import type { Progress } from '../engine/writeProgress.ts';

/**
 * On a terminal the redrawn line goes to stderr (it is cleared before the report); in logs and pipes the
 * plain lines go to stdout with the report, so stderr carries nothing but errors.
 */
function progressStream(): NodeJS.WriteStream {
  return process.stderr.isTTY === true && process.env.CI !== 'true' ? process.stderr : process.stdout;
}

/**
 * The progress of a run, from the file the suites write (writeProgress.ts). On a terminal: one line,
 * redrawn in place (suite, cases done, failing so far, rate, time left). In CI logs and pipes: a plain
 * line every 15 s, and nothing at all for runs shorter than that. Returns a function that stops it.
 */
export function showProgress(file: string, stream: NodeJS.WriteStream = progressStream(), interactive = stream.isTTY === true && process.env.CI !== 'true'): () => void {
  let last = '';
  let lastPlain = Date.now();
  const tick = () => {
    let p: Progress;
    try {
      p = JSON.parse(readFileSync(file, 'utf8')) as Progress;
    } catch {
      return;
    }
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
  return () => {
    clearInterval(timer);
    if (interactive && last) stream.write('\r\u001b[2K');
    rmSync(file, { force: true });
  };
}
