import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { default as addFormatsModule } from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped (as in src/spec/_ajv.ts).
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

const schema = JSON.parse(readFileSync(new URL('../fixtures/har-1.2.schema.json', import.meta.url), 'utf8')) as object;
const validate = addFormats(new Ajv({ allErrors: true, strict: true, strictRequired: false })).compile(schema);

/** A HAR entry as the tests read it. */
export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: { method: string; url: string; headers: { name: string; value: string }[]; queryString: { name: string; value: string }[]; postData?: { mimeType: string; text: string } };
  response: { status: number; headers: { name: string; value: string }[]; content: { size: number; text?: string }; _error?: string; comment?: string };
  timings: Record<string, number>;
  _conformance: { phase: string; role: string; suite?: string; family?: string; path?: string; check?: string; step?: number; attempt?: number; failures?: { check: string; step?: number; message: string }[] };
}

export interface Har {
  log: { version: string; creator: { name: string; version: string }; comment?: string; entries: HarEntry[] };
}

/**
 * What is wrong with `har` as HAR 1.2: the JSON Schema written from the spec (test/fixtures), plus the one
 * rule a schema cannot state: `time` is the sum of the timings that apply (those not -1).
 */
export function harProblems(har: unknown): string[] {
  const problems = validate(har) ? [] : (validate.errors ?? []).slice(0, 20).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  const entries = (har as Har | undefined)?.log?.entries ?? [];
  entries.forEach((entry, i) => {
    const sum = Object.entries(entry.timings ?? {})
      .filter(([name, t]) => name !== 'comment' && !name.startsWith('_') && t !== -1)
      .reduce((n, [, t]) => n + t, 0);
    if (Math.abs(sum - entry.time) > 0.002) problems.push(`/log/entries/${i}: time ${entry.time} is not the sum of its timings (${sum})`);
  });
  return problems;
}

/** The HAR file at `path`, parsed (it must be JSON). */
export function readHar(path: string): Har {
  return JSON.parse(readFileSync(path, 'utf8')) as Har;
}
