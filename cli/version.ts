import { readFileSync } from 'node:fs';

/** The tool's version: package.json's, read at startup so `--version` cannot drift from what npm ships. */
export const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
