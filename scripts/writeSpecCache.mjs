// The build's last step (`npm run build`, and the tests' global setup): the bundled spec, parsed and
// validated once, beside the compiled code (src/spec/loadSpec.ts, validatedSpecCachePath).
const { writeValidatedSpecCache } = await import('../dist/src/spec/loadSpec.js');
writeValidatedSpecCache();
