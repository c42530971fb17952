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
});
