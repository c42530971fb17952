import type { ErrorObject, ValidateFunction } from 'ajv';
import { ajv } from './_ajv.ts';
import { jsonSchemaOf, type JsonSchema } from './jsonSchemaOf.ts';
import { defaultSpecPath, loadSpec } from './loadSpec.ts';
import type { EnumShape, ErrorSpec, HttpBinding, InvariantSpec, MemberSpec, Shape, Spec, StructureShape, UnspecifiedCaseSpec } from './types.ts';

/** One ajv failure, trimmed to what reports need. */
export interface SchemaViolation {
  /** JSON pointer into the validated value. */
  path: string;
  keyword: string;
  message: string;
}

export type Validator = (value: unknown) => SchemaViolation[];

/**
 * Everything the rest of the project reads about the operation, derived once from the spec.
 * Generators, checks, the emulator and the reports all read this; none of them re-read the YAML.
 */
export interface OperationModel {
  readonly spec: Spec;
  readonly name: string;
  readonly http: HttpBinding;
  readonly cleanup: HttpBinding;
  readonly input: StructureShape;
  /** Input members bound to the URI path, in the order the URI names them. */
  readonly labels: readonly string[];
  /** Input members carried in the JSON body. */
  readonly bodyMembers: Readonly<Record<string, MemberSpec>>;
  readonly errors: Readonly<Record<string, ErrorSpec>>;
  readonly invariants: Readonly<Record<string, InvariantSpec>>;
  /** Unspecified cases by id (spec /oracle/unspecified). */
  readonly unspecified: Readonly<Record<string, UnspecifiedCaseSpec>>;
  /** Input as Smithy sees it: labels and body members in one object. */
  readonly inputSchema: JsonSchema;
  readonly outputSchema: JsonSchema;
  readonly errorBodySchema: JsonSchema;
  readonly validateInput: Validator;
  readonly validateOutput: Validator;
  readonly validateErrorBody: Validator;
  shape(name: string): Shape;
  enumValues(name: string): readonly string[];
  /** The URI path for these label values, each label percent-encoded as restJson1 requires. */
  path(labels: Record<string, string>, binding?: HttpBinding): string;
}

/** Loads (if needed) and compiles the spec. Cached per file for the default spec. */
export function compileOperation(spec: Spec = loadSpec()): OperationModel {
  const inputName = spec.operation.input;
  const input = spec.shapes[inputName] as StructureShape;
  const labels = [...spec.operation.http.uri.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const bodyMembers = Object.fromEntries(Object.entries(input.members).filter(([, m]) => m.location !== 'label'));
  const outputSchema = jsonSchemaOf(spec, spec.operation.output, { nullableOptional: true });
  const inputSchema = jsonSchemaOf(spec, inputName);
  const errorBodySchema: JsonSchema = {
    type: 'object',
    properties: Object.fromEntries(
      Object.entries(spec.errorContract.bodyMembers).map(([member, target]) => [member, target === 'string' ? { type: 'string' } : jsonSchemaOf(spec, target)]),
    ),
  };
  const shape = (name: string): Shape => {
    const found = spec.shapes[name];
    if (!found) throw new Error(`unknown shape ${name}`);
    return found;
  };
  return Object.freeze({
    spec,
    name: spec.operation.name,
    http: spec.operation.http,
    cleanup: spec.cleanup.http,
    input,
    labels,
    bodyMembers,
    errors: Object.fromEntries(spec.operation.errors.map((e) => [e, spec.errors[e]!])),
    invariants: Object.fromEntries(spec.invariants.map((i) => [i.id, i])),
    unspecified: Object.fromEntries(spec.oracle.unspecified.cases.map((c) => [c.id, c])),
    inputSchema,
    outputSchema,
    errorBodySchema,
    validateInput: validator(inputSchema),
    validateOutput: validator(outputSchema),
    validateErrorBody: validator(errorBodySchema),
    shape,
    enumValues: (name: string) => (shape(name) as EnumShape).values,
    path: (values: Record<string, string>, binding: HttpBinding = spec.operation.http) =>
      binding.uri.replace(/\{(\w+)\}/g, (_, label: string) => encodeLabel(values[label] ?? '')),
  });
}

let cached: OperationModel | undefined;

/** The compiled default spec, compiled once per process. */
export function defaultOperation(): OperationModel {
  cached ??= compileOperation(loadSpec(defaultSpecPath));
  return cached;
}

/** restJson1 label serialisation: RFC 3986 percent-encoding of everything but unreserved characters. */
function encodeLabel(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}


function validator(schema: JsonSchema): Validator {
  const validate: ValidateFunction = ajv.compile(schema);
  return (value) => (validate(value) ? [] : (validate.errors ?? []).map(toViolation));
}

function toViolation(error: ErrorObject): SchemaViolation {
  const missing = error.keyword === 'required' ? `/${String(error.params.missingProperty)}` : '';
  return { path: error.instancePath + missing, keyword: error.keyword, message: error.message ?? error.keyword };
}
