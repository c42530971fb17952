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
