import { readFileSync } from 'node:fs';

/** The tool's version: package.json's, read at startup so `--version` cannot drift from what npm ships (one folder up from cli/, two from the compiled dist/cli/). */
export const version = (JSON.parse(readFileSync(new URL(import.meta.url.endsWith('.ts') ? '../package.json' : '../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
