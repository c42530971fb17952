import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { flags } from '../cli/parseCliArgs.ts';
import { flags as clientFlags } from '../cli/commands/client.ts';
import { checksFor, lifecycleChecks } from '../checks/index.ts';
import { defaultOperation } from '../src/spec/index.ts';

/**
 * The README leads and the reference pages beside it stay true: every link (and #anchor) resolves, every
 * flag is in the flag reference, every check is in the oracle's tables.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const text = (page: string) => readFileSync(join(root, page), 'utf8');

/** GitHub's heading anchors: lower case, punctuation but hyphens dropped, spaces to hyphens. */
function anchorsOf(markdown: string): Set<string> {
  const outsideCode = markdown.replace(/```[\s\S]*?```/g, '');
  return new Set(
    [...outsideCode.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
      m[1]!
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
    ),
  );
}

describe('README and docs/', () => {
  it('the README is a page that leads (what, the two commands, CI, where next), not the whole manual', () => {
    const readme = text('README.md');
    expect(readme.length).toBeLessThan(8_000);
    for (const must of ['npm ci && npx conformance', 'npm test', '--baseline', 'docs/gating.md', 'docs/flags.md']) expect(readme).toContain(must);
  });

  it.each(pages)('%s: every relative link and anchor resolves', (page) => {
    const markdown = text(page).replace(/```[\s\S]*?```/g, '');
    for (const [, target] of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue;
      const [file, anchor] = target!.split('#');
      const path = file ? resolve(dirname(join(root, page)), file) : join(root, page);
      expect(existsSync(path), `${page}: ${target} points at a missing file`).toBe(true);
      if (anchor && path.endsWith('.md')) expect(anchorsOf(readFileSync(path, 'utf8')), `${page}: ${target} has no such heading`).toContain(anchor);
    }
  });

  it('docs/flags.md names every flag of a run', () => {
    const reference = text('docs/flags.md');
    for (const name of Object.keys(flags)) expect(reference, `--${name}`).toContain(`--${name}`);
  });

  it('docs/clients.md names every check of `conformance client`, and docs/flags.md every flag of it', () => {
    const clients = text('docs/clients.md');
    for (const check of defaultOperation().spec.clients!.checks) expect(clients, check.id).toContain(`\`${check.id}\``);
    const reference = text('docs/flags.md');
    for (const name of Object.keys(clientFlags)) expect(reference, `--${name}`).toContain(`--${name}`);
  });

  it.each(pages)("%s: every file of the repository it names exists (a command copied from it runs)", (page) => {
    // test/ is left out: the CI recipes name the user's own testee there.
    const named = text(page).matchAll(/(?<![\w./-])((?:testees|bin|spec|scripts|cli|engine|checks|generators|reports|emulator|client|src|suites|bench|docs)\/[\w./-]*\w\.(?:mjs|py|ts|js|yaml|json|md))\b/g);
    for (const [, file] of named) expect(existsSync(join(root, file!)), `${page} names ${file}`).toBe(true);
  });

  it('docs/oracle.md names every check', () => {
    const oracle = text('docs/oracle.md');
    const model = defaultOperation();
    const ids = [...checksFor(model, { strict: true }).map((c) => c.id), ...lifecycleChecks(model, { strict: true }).map((c) => c.id)];
    for (const id of ids) expect(oracle, id).toContain(`\`${id}\``);
  });
});
