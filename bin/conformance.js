#!/usr/bin/env node
// The `conformance` command: the compiled CLI (dist/cli/main.js), run by plain node. `npm run build`
// makes dist/; `npm ci` runs it (the `prepare` script), and so does `npm test` (`pretest`).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
await import('../dist/cli/main.js');
