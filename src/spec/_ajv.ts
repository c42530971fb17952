import { Ajv } from 'ajv';
import { default as addFormatsModule } from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/**
 * @internal The one ajv instance of the project: all errors (reports want every violation), formats
 * (date-time for Iso8601Timestamp, regex for the meta-schema), and unicode patterns as Smithy's are.
 * Schemas are not checked against JSON Schema's own meta-schema when compiled: compiling that took about
 * 70 ms of every process, and the schemas are the project's own, checked once by a test instead
 * (src/spec/schemas.test.ts).
 */
export const ajv = addFormats(new Ajv({ allErrors: true, strict: false, unicodeRegExp: true, validateSchema: false }));
