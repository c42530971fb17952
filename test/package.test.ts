// The published package as a user gets it: `npm pack`, the tarball installed into a scratch project, then
// used from there the way the README says: plain node importing `conformance/emulator` and `conformance`,
// the `conformance` bin, a vitest test file, and TypeScript's view of the declarations.
//
// The tarball is packed from dist/ as it is (`--ignore-scripts`): `npm test` builds it first (the
// `pretest` script), and rebuilding here would delete dist/ under the other test files that run the CLI.
// The scratch project installs with a lockfile derived from this repository's own, so its dependencies
// are exactly the locked ones and come from the npm cache `npm ci` filled: no network when they are there.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from './support/spawnCli.ts';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface PackedFile {
  path: string;
  size: number;
}

interface Packed {
  filename: string;
  integrity: string;
  entryCount: number;
  files: PackedFile[];
}

type LockEntry = Record<string, unknown> & { dev?: boolean; devOptional?: boolean };

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  license: string;
  engines: Record<string, string>;
  bin: Record<string, string>;
  types: string;
  exports: Record<string, { types: string; default: string }>;
  dependencies: Record<string, string>;
};

/** Settings a user's shell would not have: no AWS configuration, no colour, the SDK's Node warning off. */
const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', npm_config_update_notifier: 'false' };

function run(file: string, args: string[], cwd: string, input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: 90_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number' && error.code !== undefined) return reject(error);
      resolve({ code: child.exitCode, stdout, stderr });
    });
    if (input !== undefined) child.stdin!.end(input);
  });
}

const npm = (args: string[], cwd: string) => run('npm', args, cwd);

let temp: string;
let scratch: string;
let packed: Packed;

/**
 * The scratch project's lockfile: the packed tarball, plus every entry of this repository's lockfile that
 * a production install of it holds (dev-only entries left out), at the same paths.
 */
function scratchLockfile(tarball: string): object {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const packages: Record<string, object> = {
    '': { name: 'scratch', dependencies: { conformance: `file:${tarball}` } },
    'node_modules/conformance': {
      version: pkg.version,
      resolved: `file:${tarball}`,
      integrity: packed.integrity,
      license: pkg.license,
      dependencies: pkg.dependencies,
      bin: pkg.bin,
      engines: pkg.engines,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.dev || entry.devOptional) continue;
    packages[path] = entry;
  }
  return { name: 'scratch', lockfileVersion: 3, requires: true, packages };
}

/** Runs an ES module in the scratch project with plain node (no loader, no tsx) and parses what it prints. */
async function runModule<T>(name: string, code: string): Promise<T> {
  writeFileSync(join(scratch, name), code);
  const result = await run(process.execPath, [name], scratch);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as T;
}

describe('the published package', () => {
  beforeAll(async () => {
    if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does it first)');
    temp = mkdtempSync(join(tmpdir(), 'conformance-package-'));
    const packDir = join(temp, 'pack');
    scratch = join(temp, 'scratch');
    mkdirSync(packDir);
    mkdirSync(scratch);
    const pack = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], root);
    expect(pack.code, pack.stderr).toBe(0);
    packed = (JSON.parse(pack.stdout) as Packed[])[0]!;
    const tarball = `../pack/${packed.filename}`;
    writeFileSync(join(scratch, 'package.json'), `${JSON.stringify({ name: 'scratch', private: true, type: 'module', dependencies: { conformance: `file:${tarball}` } }, null, 2)}\n`);
    writeFileSync(join(scratch, 'package-lock.json'), `${JSON.stringify(scratchLockfile(tarball), null, 2)}\n`);
    const ci = ['ci', '--no-audit', '--no-fund', '--ignore-scripts'];
    let install = await npm([...ci, '--offline'], scratch);
    // A cache that lacks a locked tarball (npm ci never ran here): fetch it from the registry instead.
    if (install.code !== 0 && /ENOTCACHED/.test(install.stderr)) install = await npm([...ci, '--prefer-offline'], scratch);
    expect(install.code, install.stderr).toBe(0);
  }, 120_000);

  afterAll(() => {
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  it('holds the compiled JavaScript, its declarations, the spec, the bin, the README and its docs, and nothing else', () => {
    const paths = packed.files.map((f) => f.path);
    // The spec includes the testee protocol's JSON Schema; the bundled testees are the examples to copy;
    // dist/validated-spec.json is the build's cache of the parsed spec (src/spec/loadSpec.ts).
    for (const path of paths) expect(path).toMatch(/^(dist\/.+\.(js|d\.ts)|dist\/validated-spec\.json|spec\/[^/]+\.(yaml|schema\.json)|testees\/[\w-]+\.(mjs|py)|bin\/conformance\.js|docs\/[^/]+\.md|package\.json|README\.md)$/);
    expect(paths.filter((p) => /\.test\.|(^|\/)(test|bench|scripts|suites)\//.test(p))).toEqual([]);
    // Everything package.json points at is in it: each export's JavaScript and declarations, the bin.
    const targets = [...Object.values(pkg.exports).flatMap((e) => [e.types, e.default]), pkg.types, ...Object.values(pkg.bin)].map((t) => t.replace(/^\.\//, ''));
    for (const entry of [...targets, 'dist/cli/main.js', 'dist/validated-spec.json', 'spec/create-proxy-session.yaml', 'spec/testee-protocol.schema.json', 'testees/node-sdk.mjs', 'testees/awscli-botocore.py']) expect(paths).toContain(entry);
  });

  it('conformance/emulator: plain node starts the emulator, which answers a CreateProxySession with 201', async () => {
    const result = await runModule<{ status: number; session: { ProxySessionId?: string; Status?: string; Participants?: unknown[] }; open: number; closed: boolean }>(
      'emulator.mjs',
      `import { startEmulator, DEFAULT_VOICE_CONNECTOR_ID } from 'conformance/emulator';
const emulator = await startEmulator();
let closed = false;
try {
  const response = await fetch(\`\${emulator.url}/voice-connectors/\${DEFAULT_VOICE_CONNECTOR_ID}/proxy-sessions\`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ParticipantPhoneNumbers: ['+12065550100', '+12065550101'], Capabilities: ['Voice'] }),
  });
  const body = await response.json();
  const open = emulator.openSessions();
  await emulator.close();
  closed = true;
  process.stdout.write(JSON.stringify({ status: response.status, session: body.ProxySession, open, closed }));
} finally {
  if (!closed) await emulator.close();
}
`,
    );
    expect(result.status).toBe(201);
    expect(result.session.ProxySessionId).toMatch(/\S/);
    expect(result.session.Status).toBe('Open');
    expect(result.session.Participants).toHaveLength(2);
    expect(result.open).toBe(1);
    expect(result.closed).toBe(true);
  });

  it('conformance: plain node gets the documented library surface (run, emulator, spec, protocol, checks, errors) and the bundled spec', async () => {
    const result = await runModule<{ exports: Record<string, string>; specPath: string; operation: string; checks: number; curl: string }>(
      'library.mjs',
      `import * as conformance from 'conformance';
const { loadSpec, compileOperation, defaultSpecPath, buildRequest, curlCommand, checksFor } = conformance;
const model = compileOperation(loadSpec());
const request = buildRequest(model, 'http://127.0.0.1:4566', { labels: { VoiceConnectorId: 'abc' }, body: { ParticipantPhoneNumbers: ['+12065550100', '+12065550101'], Capabilities: ['Voice'] } });
process.stdout.write(JSON.stringify({
  exports: Object.fromEntries(Object.entries(conformance).map(([name, value]) => [name, Array.isArray(value) ? 'array' : typeof value])),
  specPath: defaultSpecPath,
  operation: model.name,
  checks: checksFor(model, { strict: false }).length,
  curl: curlCommand(request),
}));
`,
    );
    // The spec is the package's own, found from dist/src/spec/ at the package root.
    expect(result.specPath).toBe(join(scratch, 'node_modules', 'conformance', 'spec', 'create-proxy-session.yaml'));
    expect(result.operation).toBe('CreateProxySession');
    expect(result.checks).toBeGreaterThan(0);
    expect(result.curl).toContain('http://127.0.0.1:4566/voice-connectors/abc/proxy-sessions');
    const functions = ['runConformance', 'startEmulator', 'loadSpec', 'parseSpec', 'compileOperation', 'defaultOperation', 'jsonSchemaOf', 'buildRequest', 'sendRequest', 'createDispatcher', 'curlCommand', 'errorTypeOf', 'createSigner', 'checksFor', 'expectationOf', 'lifecycleChecks', 'ConformanceToolError', 'UsageError', 'SpecLoadError', 'EndpointUnreachableError'];
    for (const name of functions) expect(result.exports[name], name).toBe('function');
    expect(result.exports.allChecks).toBe('array');
    expect(result.exports.defaultSpecPath).toBe('string');
  });

  it('the installed `conformance` bin runs with plain node: --version and --help', async () => {
    const bin = join(scratch, 'node_modules', '.bin', 'conformance');
    const version = await run(bin, ['--version'], scratch);
    expect(version.stderr).toBe('');
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);
    const help = await run(bin, ['--help'], scratch);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('npx conformance');
    // No TypeScript loader in the installed package: the bin imports compiled JavaScript only.
    expect(existsSync(join(scratch, 'node_modules', 'tsx'))).toBe(false);
  });

  it('a vitest test file in the consumer project imports both entry points', async () => {
    writeFileSync(
      join(scratch, 'consumer.test.mjs'),
      `import { startEmulator } from 'conformance/emulator';
import { compileOperation, loadSpec } from 'conformance';
// vitest's globals (--globals): the runner is the conformance repository's own vitest.
test('the emulator answers a CreateProxySession with 201', async () => {
  const emulator = await startEmulator({ model: compileOperation(loadSpec()) });
  try {
    const response = await fetch(\`\${emulator.url}/voice-connectors/\${emulator.voiceConnectorId}/proxy-sessions\`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ParticipantPhoneNumbers: ['+12065550100', '+12065550101'], Capabilities: ['Voice'] }),
    });
    expect(response.status).toBe(201);
  } finally {
    await emulator.close();
  }
});
`,
    );
    const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
    const result = await run(process.execPath, [vitest, 'run', '--globals', '--root', scratch, '--reporter', 'verbose', 'consumer.test.mjs'], scratch);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toMatch(/Tests\s+1 passed/);
  });

  it('TypeScript (NodeNext) resolves the declarations of both entry points', async () => {
    // Each @ts-expect-error holds only if the name has its declared type: were a declaration not found,
    // the import would be `any`, nothing would be an error, and tsc would report the directive unused.
    writeFileSync(
      join(scratch, 'consumer.ts'),
      `import { startEmulator, type RunningEmulator } from 'conformance/emulator';
import { compileOperation, loadSpec, checksFor, type OperationModel, type RunReport } from 'conformance';
export async function consumer(): Promise<void> {
  const model: OperationModel = compileOperation(loadSpec());
  const emulator: RunningEmulator = await startEmulator({ model });
  // @ts-expect-error url is a string
  const port: number = emulator.url;
  // @ts-expect-error checksFor takes an OperationModel
  checksFor('CreateProxySession');
  const report: RunReport | undefined = undefined;
  void [port, report];
  await emulator.close();
}
`,
    );
    writeFileSync(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'], typeRoots: [join(root, 'node_modules', '@types')] },
        files: ['consumer.ts'],
      }),
    );
    const result = await run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', scratch], scratch);
    expect(`${result.stdout}${result.stderr}`).toBe('');
    expect(result.code).toBe(0);
  });

  it('runConformance() from plain node runs the suite against its own emulator and resolves with the report', async () => {
    const report = await runModule<{ verdict: string; suites: number; cases: number }>(
      'run.mjs',
      `import { runConformance } from 'conformance';
const report = await runConformance({ seed: 1, runs: 1, reportDir: 'report' });
process.stdout.write(JSON.stringify({ verdict: report.verdict, suites: report.suites.length, cases: report.totals.cases }));`,
    );
    expect(report.verdict).toBe('pass');
    expect(report.suites).toBeGreaterThanOrEqual(6);
    expect(report.cases).toBeGreaterThan(100);
    expect(existsSync(join(scratch, 'report', 'report.json'))).toBe(true);
  });
});
