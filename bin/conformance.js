#!/usr/bin/env node
// The `conformance` command. The project ships TypeScript sources and runs them through tsx, so there is
// no build step between `npm ci` and `npx conformance`.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { register } = await import('tsx/esm/api');
register();
await import('../cli/main.ts');
