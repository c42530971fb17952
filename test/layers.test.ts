import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The one-way import order of docs/development.md "Layout", checked on every `npm test`
 * (alone: `npm run lint:deps`).
 *
 * Why a scan and not dependency-cruiser: dependency-cruiser parses TypeScript through the `typescript`
 * package's compiler API (it accepts typescript >=2 <7), and TypeScript 7 ships no such API; its other
 * TypeScript parser needs @swc/core as a second dependency, and that parser does not tell `import type`
 * from a value import, which the rules below need. Relative imports here always spell out `.ts`, so a
 * scan of the import statements resolves every edge; it was checked edge for edge against
 * dependency-cruiser with @swc/core on the tree it was written for.
 */

const root = fileURLToPath(new URL('..', import.meta.url));

/** A layer and what it may import besides itself. `typesOnly`: only through `import type` / `export type`. */
interface Layer {
  may: string[];
  typesOnly?: string[];
}

const SRC = ['src/errors', 'src/spec', 'src/model', 'src/protocol', 'src/sdk'];

const LAYERS: Record<string, Layer> = {
  'src/errors': { may: [] },
  'src/spec': { may: ['src/errors'] },
  'src/model': { may: ['src/errors'], typesOnly: ['src/spec', 'src/protocol'] },
  'src/protocol': { may: ['src/spec', 'src/errors'] },
  generators: { may: ['src/spec', 'src/errors', 'src/model'], typesOnly: ['src/protocol'] },
  'src/sdk': { may: ['src/spec', 'src/protocol', 'src/errors', 'src/model'], typesOnly: ['generators'] },
  checks: { may: SRC, typesOnly: ['generators'] },
  engine: { may: [...SRC, 'generators', 'checks'] },
  reports: { may: SRC, typesOnly: ['checks'] },
  // The emulator is not a copy of the checker (a model that copies the system tests nothing): no generators, checks, model or SDK.
  emulator: { may: ['src/spec', 'src/protocol', 'src/errors'] },
  // Judging clients: cases from the generators, answered by the emulator it starts; of the engine only the
  // fingerprint, the bounded report value, the family seed and the latency summary.
  client: { may: [...SRC, 'generators', 'emulator', 'engine'] },
  // The bundled testees are programs of their own: they import the SDKs, nothing of the project.
  testees: { may: [] },
  // scripts/ is not in package.json "files", so the CLI can't import it either.
  cli: { may: [...SRC, 'generators', 'checks', 'engine', 'reports', 'emulator', 'client'] },
  suites: { may: ['cli', 'engine', ...SRC, 'checks', 'reports'] },
  'index.ts': { may: ['cli', 'emulator', ...SRC, 'checks'] },
};

/** Free to import anything (but test/ only from test/). */
const EXEMPT = [/^test\//, /^bench\//, /^scripts\//, /^bin\//, /\.test\.ts$/, /^[^/]+\.config\.[cm]?[jt]s$/];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'coverage', 'conformance-report', 'test-output']);
const SKIP_PATHS = new Set(['reports/out']);
const SOURCE = /\.[cm]?[jt]s$/;

/** The layer a repository path belongs to, or undefined when it is in none. */
function layerOf(file: string): string | undefined {
  if (file === 'src/errors.ts') return 'src/errors';
  const parts = file.split('/');
  const name = parts[0] === 'src' && parts.length > 2 ? `src/${parts[1]}` : parts.length > 1 ? parts[0]! : file;
  return name in LAYERS ? name : undefined;
}

interface ImportRef {
  specifier: string;
  line: number;
  typeOnly: boolean;
}

const STATIC = /^[ \t]*(import|export)\s+(type\s+)?((?:(?!\b(?:import|export)\b)[\w$*{},\s])*?)\s*from\s*(['"])([^'"\n]+)\4/gm;
const SIDE_EFFECT = /^[ \t]*import\s*(['"])([^'"\n]+)\1/gm;
const DYNAMIC = /\b(import|require)\s*\(\s*(['"])([^'"\n]+)\2\s*\)/g;

/** The imports in a file: static `import … from`, `export … from`, side-effect `import '…'`, `import('…')` and `require('…')`. */
function importsOf(source: string): ImportRef[] {
  const lineAt = (index: number) => source.slice(0, index).split('\n').length;
  const refs: ImportRef[] = [];
  for (const m of source.matchAll(STATIC)) {
    refs.push({ specifier: m[5]!, line: lineAt(m.index + m[0].search(/\S/)), typeOnly: m[2] !== undefined && m[3] !== '' });
  }
  for (const m of source.matchAll(SIDE_EFFECT)) refs.push({ specifier: m[2]!, line: lineAt(m.index), typeOnly: false });
  for (const m of source.matchAll(DYNAMIC)) {
    const lineStart = source.lastIndexOf('\n', m.index) + 1;
    const before = source.slice(lineStart, m.index);
    if (/^\s*(\*|\/\/|\/\*)/.test(before) || before.includes('//')) continue; // in a comment
    // `typeof import('x')` and `import('x').Name` are types; `import('x').then(…)` is not.
    const after = source.slice(m.index + m[0].length, m.index + m[0].length + 12);
    const typeOnly = m[1] === 'import' && (/typeof\s+$/.test(before) || /^\.(?!then\b|catch\b|finally\b)[A-Za-z_$]/.test(after));
    refs.push({ specifier: m[3]!, line: lineAt(m.index), typeOnly });
  }
  return refs.sort((a, b) => a.line - b.line);
}

function sourceFiles(dir = root): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const rel = relative(root, path).split(sep).join('/');
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !SKIP_DIRS.has(entry.name) && !SKIP_PATHS.has(rel)) files.push(...sourceFiles(path));
    } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      files.push(rel);
    }
  }
  return files;
}

/** A relative specifier as a repository path (`./x.js` may name `x.ts`); undefined for packages and built-ins. */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const target = resolve(root, dirname(from), specifier);
  const candidates = [target, target.replace(/\.([cm]?)js$/, '.$1ts'), `${target}.ts`, join(target, 'index.ts')];
  const found = candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? target;
  return relative(root, found).split(sep).join('/');
}

interface Edge {
  from: string;
  line: number;
  specifier: string;
  to: string;
  typeOnly: boolean;
}

function edges(): Edge[] {
  return sourceFiles().flatMap((from) =>
    importsOf(readFileSync(join(root, from), 'utf8')).flatMap(({ specifier, line, typeOnly }) => {
      const to = resolveSpecifier(from, specifier);
      return to === undefined ? [] : [{ from, line, specifier, to, typeOnly }];
    }),
  );
}

const isExempt = (file: string) => EXEMPT.some((re) => re.test(file));
const where = (e: Edge) => `${e.from}:${e.line}  ${e.typeOnly ? 'import type ' : ''}'${e.specifier}'`;

function describeLayer(name: string): string {
  const { may, typesOnly = [] } = LAYERS[name]!;
  const list = [...may, ...typesOnly.map((l) => `${l} (types only)`)];
  return list.length > 0 ? list.join(', ') : 'nothing';
}

/** Every edge that breaks a rule, as one readable line each. */
function layerViolations(all: Edge[]): string[] {
  const out: string[] = [];
  for (const e of all) {
    // Tests kept beside the code share test/support with the end-to-end tests.
    const outsideTest = !e.from.startsWith('test/') && !/\.test\.ts$/.test(e.from);
    if (outsideTest && e.to.startsWith('test/')) {
      out.push(`${where(e)}\n    → ${e.to}: nothing outside test/ may import test/`);
      continue;
    }
    if (isExempt(e.from)) continue;
    const from = layerOf(e.from)!;
    const to = layerOf(e.to);
    if (to === from) continue;
    if (to === undefined) {
      out.push(`${where(e)}\n    → ${e.to}: in no layer (add it to LAYERS in test/layers.test.ts)`);
      continue;
    }
    const { may, typesOnly = [] } = LAYERS[from]!;
    if (may.includes(to) || (e.typeOnly && typesOnly.includes(to))) continue;
    const why = typesOnly.includes(to) ? `${from} may import ${to} through \`import type\` only` : `${from} may not import ${to}`;
    out.push(`${where(e)}\n    → ${e.to}: ${why} (${from} may import: ${describeLayer(from)})`);
  }
  return out;
}

/** Folder cycles (Tarjan's strongly connected components), each with the imports that close it. */
function folderCycles(all: Edge[]): string[] {
  const graph = new Map<string, Map<string, Edge>>();
  for (const e of all) {
    if (isExempt(e.from)) continue;
    const [a, b] = [layerOf(e.from), layerOf(e.to)];
    if (a === undefined || b === undefined || a === b) continue;
    if (!graph.has(a)) graph.set(a, new Map());
    if (!graph.get(a)!.has(b)) graph.get(a)!.set(b, e);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const components: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return components.map((c) => {
    const loop = shortestLoop(graph, c);
    const links = loop.slice(1).map((b, i) => `    ${loop[i]} → ${b}: ${where(graph.get(loop[i]!)!.get(b)!)}`);
    return `folder cycle ${loop.join(' → ')} (the cycle takes in ${c.join(', ')})\n${links.join('\n')}`;
  });
}

/** The shortest loop inside one strongly connected component, as [a, b, …, a]. */
function shortestLoop(graph: Map<string, Map<string, Edge>>, component: string[]): string[] {
  let best: string[] = [];
  for (const start of component) {
    const previous = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0) {
      const v = queue.shift()!;
      const next = [...(graph.get(v)?.keys() ?? [])].filter((w) => component.includes(w));
      if (next.includes(start)) {
        const loop = [start];
        for (let w: string | undefined = v; w !== start; w = previous.get(w!)) loop.splice(1, 0, w!);
        if (best.length === 0 || loop.length + 1 < best.length) best = [...loop, start];
        break;
      }
      for (const w of next) {
        if (previous.has(w) || w === start) continue;
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return best;
}

function report(title: string, problems: string[]): string {
  return `${problems.length} ${title}:\n\n${problems.join('\n')}\n`;
}

describe('import layers (docs/development.md "Layout")', () => {
  const all = edges();

  it('every import follows the layer order', () => {
    const problems = layerViolations(all);
    if (problems.length > 0) expect.fail(report('imports break the layer order', problems));
  });

  it('no two folders import each other, directly or round a loop', () => {
    const problems = folderCycles(all);
    if (problems.length > 0) expect.fail(report('folder cycles', problems));
  });

  it('every source file outside test/, bench/ and scripts/ is in a layer', () => {
    const orphans = sourceFiles().filter((f) => !isExempt(f) && layerOf(f) === undefined);
    if (orphans.length > 0) expect.fail(report('files in no layer (add them to LAYERS in test/layers.test.ts)', orphans));
  });

  it('the layer table itself has no cycle', () => {
    const order: string[] = [];
    const visiting = new Set<string>();
    const visit = (name: string, path: string[]) => {
      if (order.includes(name)) return;
      if (visiting.has(name)) expect.fail(`LAYERS allows a cycle: ${[...path, name].join(' → ')}`);
      visiting.add(name);
      const { may, typesOnly = [] } = LAYERS[name]!;
      for (const next of [...may, ...typesOnly]) visit(next, [...path, name]);
      order.push(name);
    };
    for (const name of Object.keys(LAYERS)) visit(name, []);
    expect(order).toHaveLength(Object.keys(LAYERS).length);
  });

  it('the scan finds every form of import', () => {
    // Arrange
    const source = [
      "import { a } from './a.ts';",
      "import type { B } from './b.ts';",
      'import {',
      '  c,',
      '  type C,',
      "} from '../c.ts';",
      "export * from './d.ts';",
      "export type { E } from './e.ts';",
      "import './f.ts';",
      "const g = await import('./g.ts');",
      "type H = import('./h.ts').H;",
      "// import('./commented.ts')",
      ' * @see import x from "./jsdoc.ts"',
      'export interface I {}',
      "import j from 'node:fs';",
    ].join('\n');

    // Act
    const found = importsOf(source).map((r) => `${r.line} ${r.specifier}${r.typeOnly ? ' type' : ''}`);

    // Assert
    expect(found).toEqual(['1 ./a.ts', '2 ./b.ts type', '3 ../c.ts', '7 ./d.ts', '8 ./e.ts type', '9 ./f.ts', '10 ./g.ts', '11 ./h.ts type', '15 node:fs']);
  });
});
