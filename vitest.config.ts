import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// The project's own tests (`npm test`). The conformance suites in suites/*.suite.ts are not tests of this
// project: the CLI runs them against an endpoint with its own inline configuration.
export default defineConfig({
  test: {
    include: ['{src,generators,checks,engine,emulator,reports,client,cli,suites,test,scripts}/**/*.test.ts'],
    // The CLI tests run bin/conformance.js, which runs the compiled dist/: built fresh for every test run.
    globalSetup: ['test/support/buildOnce.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // vitest's default is one worker fewer than the cores, so on the 2-core CI machine the test files ran
    // one at a time (about 8 minutes); most of them wait on child processes and sockets, not on a core, so
    // two workers there cut the wall time by about a third (8 min to under 6). Never fewer than two.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
