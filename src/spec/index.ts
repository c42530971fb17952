export { loadSpec, parseSpec, defaultSpecPath } from './loadSpec.ts';
export { compileOperation, defaultOperation, type OperationModel, type SchemaViolation, type Validator } from './compileOperation.ts';
export { jsonSchemaOf, type JsonSchema } from './jsonSchemaOf.ts';
export type * from './types.ts';
