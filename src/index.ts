// The package's library surface (package.json "exports": "."): the compiled spec, the restJson1 protocol
// helpers and the check registry, for tools that want to embed the suite's pieces.
export * from './spec/index.ts';
export * from './protocol/index.ts';
export * from '../checks/index.ts';
export * from './errors.ts';
