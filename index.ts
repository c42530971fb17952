// The package's library surface (package.json "exports": "."): run the suite from a program
// (runConformance), start the reference emulator (startEmulator; also "conformance/emulator"), and the
// pieces a tool can embed: the compiled spec, the restJson1 protocol helpers, the check registry.
export { runConformance, type ConformanceOptions } from './cli/runConformance.ts';
export { startEmulator, type EmulatorOptions, type RunningEmulator } from './emulator/index.ts';
export type { RunReport, SuiteSummary, CheckSummary, FailureRecord } from './src/model/report.ts';
export * from './src/spec/index.ts';
export * from './src/protocol/index.ts';
export * from './checks/index.ts';
export { ConformanceToolError, UsageError, SpecLoadError, EndpointUnreachableError, RunDeadlineError } from './src/errors.ts';
