import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The conformance suites as a vitest project: `npx vitest run --config suites/vitest.config.ts`, with the
// run's flags in CONFORMANCE_ARGS (e.g. "--endpoint http://127.0.0.1:4566 --voice-connector-id X"). The run
// itself happens once, in the global setup (runOnce.ts); each suite file turns its part of the report into
// one test per check. `npx conformance` does the same run without vitest.
// The run happens in this (vitest's main) process, where the test env below does not apply.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['suites/*.suite.ts'],
    globalSetup: ['suites/runOnce.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
