import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configArgs } from './configArgs.ts';
import { parseCliArgs } from './parseCliArgs.ts';

describe('conformance.config.yaml', () => {
  const dirWith = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-config-'));
    writeFileSync(join(dir, 'conformance.config.yaml'), text);
    return dir;
  };

  it('holds any option a flag sets, and flags win', () => {
    const dir = dirWith('runs: 20\nseed: -4\nstrict: true\nsuite: [acceptance, rejection]\nendpoint: http://127.0.0.1:4566\nvoice-connector-id: abc\n');
    const argv = ['--runs', '3'];
    const cli = parseCliArgs([...configArgs(argv, dir), ...argv]);
    expect(cli).toMatchObject({ runs: 3, seed: -4, strict: true, suites: ['acceptance', 'rejection'], endpoint: 'http://127.0.0.1:4566', voiceConnectorId: 'abc' });
  });

  it('a bad value is an error naming the file and the key', () => {
    expect(() => configArgs([], dirWith('runs: abc\n'))).toThrow(/conformance\.config\.yaml: runs: --runs must be a whole number/);
    expect(() => configArgs([], dirWith('rnus: 3\n'))).toThrow(/"rnus" is not an option/);
    expect(() => configArgs([], dirWith('strict: "yes"\n'))).toThrow(/strict: expected true or false/);
    expect(() => configArgs([], dirWith('runs: [1, 2]\n'))).toThrow(/runs: expected one value/);
    expect(() => configArgs([], dirWith('runs: [\n'))).toThrow(/not valid YAML/);
  });

  it('no file, no options; an explicit --config that does not exist is an error', () => {
    expect(configArgs([], mkdtempSync(join(tmpdir(), 'conformance-config-')))).toEqual([]);
    expect(() => configArgs(['--config', '/nonexistent.yaml'])).toThrow(/no such file/);
  });

  it('every file error names the file, and --config when the file came from it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-config-'));
    expect(() => configArgs(['--config', dir])).toThrow(`--config ${dir}: is a directory, not a regular file`);
    expect(() => configArgs([`--config=${dir}`])).toThrow(`--config ${dir}: is a directory, not a regular file`);
    expect(() => configArgs(['--config', '/dev/zero'])).toThrow('--config /dev/zero: is a character device, not a regular file');
    expect(() => configArgs(['--config'])).toThrow('--config needs a value');
    const file = join(dir, 'options.yaml');
    writeFileSync(file, 'runs: abc\n');
    expect(() => configArgs(['--config', file])).toThrow(`--config ${file}: runs: --runs must be a whole number`);
    // The working directory's file came from no flag: its path alone names it.
    expect(() => configArgs([], dirWith('runs: abc\n'))).toThrow(/^[^-].*conformance\.config\.yaml: runs: --runs must be a whole number/);
  });

  it('a "billion laughs" config is bounded and names the file', () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n');
    const dir = dirWith(bomb);
    expect(() => configArgs(['--config', join(dir, 'conformance.config.yaml')])).toThrow(/^--config .*conformance\.config\.yaml: cannot be read as YAML: its aliases expand more than 100 times/);
  });

  it('a huge key or value is echoed cut short', () => {
    const key = 'k'.repeat(100_000);
    let message = '';
    try {
      configArgs([], dirWith(`? ${key}\n: 1\n`));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/"k{200}… \(100000 characters\)" is not an option/);
    expect(message.length).toBeLessThan(1_000);
    try {
      configArgs([], dirWith(`strict: "${'v'.repeat(100_000)}"\n`));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/strict: expected true or false, not "v{199}… \(100002 characters\)$/);
  });
});

describe('the known-failure options as config keys: baseline, update-baseline, corpus, reruns (docs/flags.md)', () => {
  const dirWith = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-config-'));
    writeFileSync(join(dir, 'conformance.config.yaml'), text);
    return dir;
  };
  /** What a run parses from the config file in `dir` and the command line `argv`, as cli/main.ts does. */
  const parsed = (dir: string, argv: string[] = []) => parseCliArgs([...configArgs(argv, dir), ...argv]);

  it('give the same options as their flags', () => {
    const fromFile = parsed(dirWith('baseline: known-failures.yaml\nupdate-baseline: true\ncorpus: ci-corpus\nreruns: 0\n'));
    expect(fromFile).toEqual(parseCliArgs(['--baseline', 'known-failures.yaml', '--update-baseline', '--corpus', 'ci-corpus', '--reruns', '0']));
    // Not the defaults: each key did set its option.
    expect(fromFile).toMatchObject({ baseline: 'known-failures.yaml', updateBaseline: true, corpusDir: 'ci-corpus', reruns: 0 });
    expect(parseCliArgs([])).toMatchObject({ updateBaseline: false, corpusDir: join('conformance-report', 'corpus'), reruns: 2 });
    expect(parseCliArgs([])).not.toHaveProperty('baseline');

    const noCorpus = parsed(dirWith('no-corpus: true\nreruns: 5\n'));
    expect(noCorpus).toEqual(parseCliArgs(['--no-corpus', '--reruns', '5']));
    expect(noCorpus).not.toHaveProperty('corpusDir');
    expect(noCorpus.reruns).toBe(5);
  });

  it('a baseline in the file and --update-baseline on the command line rewrite that baseline (the -u habit)', () => {
    expect(parsed(dirWith('baseline: known-failures.yaml\n'), ['--update-baseline'])).toMatchObject({ baseline: 'known-failures.yaml', updateBaseline: true });
  });

  it('flags win, a negating flag too: --no-corpus over a corpus key, --corpus over no-corpus', () => {
    const dir = dirWith('baseline: known-failures.yaml\ncorpus: ci-corpus\nreruns: 0\n');
    expect(parsed(dir, ['--baseline', 'other.yaml', '--corpus', 'mine', '--reruns', '4'])).toMatchObject({ baseline: 'other.yaml', corpusDir: 'mine', reruns: 4 });
    // A config file's corpus must not stop a one-off run without one (it was refused as a contradiction).
    const without = parsed(dir, ['--no-corpus']);
    expect(without).not.toHaveProperty('corpusDir');
    expect(without).toMatchObject({ baseline: 'known-failures.yaml', reruns: 0 });
    expect(parsed(dirWith('no-corpus: true\n'), ['--corpus', 'mine']).corpusDir).toBe('mine');
    // The same rule for the other negated pair.
    expect(parsed(dirWith('no-color: true\n'), ['--color']).color).toBe(true);
    expect(parsed(dirWith('color: true\n'), ['--no-color']).color).toBe(false);
  });

  it('a bad value is an error naming the file and the key, as the flag would be', () => {
    expect(() => configArgs([], dirWith('reruns: 21\n'))).toThrow(/conformance\.config\.yaml: reruns: --reruns must be a whole number from 0 to 20/);
    expect(() => configArgs([], dirWith('update-baseline: true\n'))).toThrow(/conformance\.config\.yaml: update-baseline: --update-baseline needs --baseline FILE/);
    expect(() => configArgs([], dirWith('update-baseline: "yes"\nbaseline: known-failures.yaml\n'))).toThrow(/conformance\.config\.yaml: update-baseline: expected true or false, not "yes"/);
    expect(() => configArgs([], dirWith('baseline: " "\n'))).toThrow(/conformance\.config\.yaml: baseline: --baseline needs a file name/);
    expect(() => configArgs([], dirWith('corpus: ci-corpus\nno-corpus: true\n'))).toThrow(/conformance\.config\.yaml: (no-)?corpus: --no-corpus and --corpus DIR contradict each other/);
  });
});
