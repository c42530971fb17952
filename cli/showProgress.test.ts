import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { showProgress } from './showProgress.ts';

describe('showProgress', () => {
  const setup = () => {
    const file = join(mkdtempSync(join(tmpdir(), 'conformance-progress-')), '.progress.json');
    writeFileSync(file, JSON.stringify({ suite: 'rejection', done: 30, total: 120, failing: 2, startedAt: Date.now() - 3000 }));
    let written = '';
    const stream = { write: (t: string) => ((written += t), true), isTTY: true } as unknown as NodeJS.WriteStream;
    return { file, stream, written: () => written };
  };

  it('on a terminal: one line redrawn in place, cleared at the end, and the progress file removed', async () => {
    const { file, stream, written } = setup();
    const stop = showProgress(file, stream, true);
    await new Promise((r) => setTimeout(r, 450));
    stop();
    expect(written()).toMatch(/\r\u001b\[2Krejection: 30\/120 cases · 2 failing so far · \d+ cases\/s · ~\d+s left/);
    expect(written().endsWith('\r\u001b[2K')).toBe(true);
    expect(existsSync(file)).toBe(false);
  });

  it('in CI logs and pipes: nothing for a short run, plain lines only', async () => {
    const { file, stream, written } = setup();
    const stop = showProgress(file, stream, false);
    await new Promise((r) => setTimeout(r, 1200));
    stop();
    expect(written()).toBe('');
  });
});
