import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { defaultOperation } from './compileOperation.ts';
import { metaSchema } from './metaSchema.ts';

/**
 * The project's ajv compiles without checking schemas against JSON Schema's meta-schema (src/spec/_ajv.ts):
 * this test does that check, for the spec's meta-schema and every schema derived from the spec.
 */
const draft07 = new Ajv({ strict: false });
const problems = (schema: object) => (draft07.validateSchema(schema) ? [] : draft07.errors);

describe('the schemas the project compiles are valid JSON Schema', () => {
  it('the meta-schema of spec files', () => {
    expect(problems(metaSchema)).toEqual([]);
  });

  const model = defaultOperation();
  const names = [model.name, ...Object.keys(model.spec.operations)];
  it.each(names)('%s: its input, output and error-body schemas', (name) => {
    const operation = model.operation(name);
    for (const schema of [operation.inputSchema, operation.outputSchema, operation.errorBodySchema]) expect(problems(schema)).toEqual([]);
  });

  it('a schema that is not one is caught', () => {
    expect(problems({ type: 'strnig' })).not.toEqual([]);
  });
});
