import { describe, expect, it } from 'vitest';
import { parseCliArgs, parseShard } from './parseCliArgs.ts';

describe('--shard I/N', () => {
  it('accepts shard I of N with 1 <= I <= N <= 1000', () => {
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('1000/1000')).toEqual({ index: 1000, count: 1000 });
    expect(parseCliArgs(['--shard', '3/4']).shard).toEqual({ index: 3, count: 4 });
    expect(parseCliArgs([]).shard).toBeUndefined();
  });

  it.each(['0/4', '5/4', '1/1001', '1/0', '2', '2/4/1', 'a/b', '-1/4', '1.5/4', ''])('refuses %j with a readable message', (text) => {
    expect(() => parseCliArgs([`--shard=${text}`])).toThrow(/^--shard must be I\/N, shard I of N with 1 <= I <= N <= 1000 \(e\.g\. --shard 2\/4\), not "/);
  });

  it('is no option of a one-case replay', () => {
    expect(() => parseCliArgs(['--shard', '1/2', '--family', 'accept.random', '--path', '3'])).toThrow(/a --family\/--path replay is one case and needs no --shard/);
  });
});
