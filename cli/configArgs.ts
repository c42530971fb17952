import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { echoed, echoedPath, UsageError } from '../src/errors.ts';
import { readInputFile, yamlData } from '../src/spec/readInputFile.ts';
import { flags, parseCliArgs } from './parseCliArgs.ts';

/** The config file a run picks up from its working directory (or --config FILE). */
export const CONFIG_FILE = 'conformance.config.yaml';

/**
 * `conformance.config.yaml` holds any option a flag sets, keyed by the flag's name (`runs: 20`,
 * `voice-connector-id: abc`, `suite: [acceptance, rejection]`, `strict: true`). It becomes flags placed
 * before the command line's, so flags win: a key whose flag is on the command line is left out. Every
 * value is checked by the same parser as the flag, and a bad one is an error naming the file and key.
 */
export function configArgs(argv: string[], cwd = process.cwd()): string[] {
  const explicit = argv.indexOf('--config');
  const inline = argv.find((a) => a.startsWith('--config='))?.slice('--config='.length);
  const given = explicit >= 0 || inline !== undefined;
  const file = inline ?? (explicit >= 0 ? argv[explicit + 1] : resolve(cwd, CONFIG_FILE));
  if (file === undefined || file === '') throw new UsageError('--config needs a value (a YAML file of options)');
  if (!given && !existsSync(file)) return [];
  // Every message names the file, and the flag when the file came from one.
  const label = given ? `--config ${echoedPath(file)}` : echoedPath(file);
  const read = readInputFile(file);
  if ('problem' in read) throw new UsageError(`${label}: ${read.problem}`);
  const doc = parseDocument(read.text);
  // The yaml library's first line ends in a colon before a code frame; the line and column say enough.
  if (doc.errors[0]) throw new UsageError(`${label}: not valid YAML: ${echoed(doc.errors[0].message.split('\n')[0]!.replace(/:\s*$/, ''))}`);
  const converted = yamlData(doc);
  if ('problem' in converted) throw new UsageError(`${label}: ${converted.problem}`);
  const data = converted.data;
  if (data === null || data === undefined) return [];
  if (typeof data !== 'object' || Array.isArray(data)) throw new UsageError(`${label}: expected a mapping of option names to values`);
  return optionArgs(label, data as Record<string, unknown>, argv);
}

/**
 * Options keyed by flag name (a config file's, or runConformance()'s) as flags, checked by the same
 * parser as the command line; an error names `source` and the key. A key whose flag, or whose negation
 * (`--no-corpus` for `corpus`), is in `argv` is left out (flags win).
 */
export function optionArgs(source: string, data: Record<string, unknown>, argv: string[] = []): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    const flag = flags[key as keyof typeof flags];
    if (!flag || key === 'help' || key === 'version' || key === 'config') throw new UsageError(`${source}: "${echoed(key)}" is not an option (the keys are the flag names, e.g. runs, endpoint, voice-connector-id)`);
    // A key yields to its own flag and to its negation's (`corpus: DIR` to --no-corpus, `no-color: true`
    // to --color): passed on, the pair would be refused as a contradiction, or the file's would win.
    const rivals = [key, key.startsWith('no-') ? key.slice('no-'.length) : `no-${key}`];
    if (rivals.some((k) => argv.includes(`--${k}`) || argv.some((a) => a.startsWith(`--${k}=`)))) continue;
    out.push(...toArgs(source, key, flag.type, 'multiple' in flag && flag.multiple === true, value));
  }
  // The same parser as the flags checks every value; its message names the flag, which is the key here.
  try {
    parseCliArgs([...out, ...argv]);
  } catch (error) {
    const message = (error as Error).message.replace(/\. Run with --help.*$/s, '');
    const key = Object.keys(data).find((k) => message.includes(`--${k}`));
    if (key !== undefined && !argv.includes(`--${key}`)) throw new UsageError(`${source}: ${key}: ${message}`);
    throw error;
  }
  return out;
}

function toArgs(file: string, key: string, type: 'string' | 'boolean', multiple: boolean, value: unknown): string[] {
  if (type === 'boolean') {
    if (typeof value !== 'boolean') throw new UsageError(`${file}: ${key}: expected true or false, not ${echoed(JSON.stringify(value) ?? String(value))}`);
    return value ? [`--${key}`] : [];
  }
  const values = Array.isArray(value) ? value : [value];
  if (!multiple && values.length !== 1) throw new UsageError(`${file}: ${key}: expected one value, not a list`);
  for (const v of values) {
    if (typeof v !== 'string' && typeof v !== 'number') throw new UsageError(`${file}: ${key}: expected a string or a number, not ${echoed(JSON.stringify(v) ?? String(v))}`);
  }
  return values.flatMap((v) => [`--${key}`, String(v)]);
}
