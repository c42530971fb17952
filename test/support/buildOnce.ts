import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from './spawnCli.ts';

/**
 * Global setup of the project's tests: compiles the sources into dist/ once per vitest run, so the tests
 * that run the CLI as a user does (bin/conformance.js runs dist/cli/main.js) always run the sources as
 * they are, also when a single test file is run on its own; then the build's cache of the bundled spec
 * (scripts/writeSpecCache.mjs), as `npm run build` writes it. dist/ is built over, not deleted first:
 * `npm run build` starts clean.
 */
export default function buildOnce(): void {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [join(root, 'scripts', 'writeSpecCache.mjs')], { cwd: root, stdio: 'inherit' });
}
