import { describe, expect, it } from 'vitest';
import { showProgress } from './showProgress.ts';

describe('showProgress', () => {
  const setup = () => {
    let written = '';
    const stream = { write: (t: string) => ((written += t), true), isTTY: true } as unknown as NodeJS.WriteStream;
    return { stream, written: () => written };
  };
  const progress = { suite: 'rejection', done: 30, total: 120, failing: 2, startedAt: Date.now() - 3000 };

  it('on a terminal: one line redrawn in place, cleared at the end', async () => {
    const { stream, written } = setup();
    const line = showProgress(stream, true);
    line.update(progress);
    await new Promise((r) => setTimeout(r, 450));
    line.stop();
    expect(written()).toMatch(/\r\u001b\[2Krejection: 30\/120 cases · 2 failing so far · \d+ cases\/s · ~\d+s left/);
    expect(written().endsWith('\r\u001b[2K')).toBe(true);
  });

  it('in CI logs and pipes: nothing for a short run, plain lines only', async () => {
    const { stream, written } = setup();
    const line = showProgress(stream, false);
    line.update(progress);
    await new Promise((r) => setTimeout(r, 1200));
    line.stop();
    expect(written()).toBe('');
  });
});
