import type { ErrorObject, ValidateFunction } from 'ajv';
import { ajv } from './_ajv.ts';
import { jsonSchemaOf, type JsonSchema } from './jsonSchemaOf.ts';
import { defaultSpecPath, loadSpec } from './loadSpec.ts';
import type { EnumShape, ErrorSpec, HttpBinding, InvariantSpec, MemberSpec, OperationSpec, Shape, Spec, StructureShape, UnspecifiedCaseSpec } from './types.ts';

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
  /** The output shape's name; undefined when the operation answers with no body (Smithy Unit). */
  readonly output: string | undefined;
  /** Smithy @paginated facts, for a paginated operation (spec /operations/<name>/paging). */
  readonly paging: OperationSpec['paging'];
  /** Input members bound to the URI path, in the order the URI names them. */
  readonly labels: readonly string[];
  /** Input members carried in the query string (Smithy @httpQuery), each with its parameter name. */
  readonly queryMembers: Readonly<Record<string, MemberSpec & { queryName: string }>>;
  /** Input members carried in the JSON body. */
  readonly bodyMembers: Readonly<Record<string, MemberSpec>>;
  readonly errors: Readonly<Record<string, ErrorSpec>>;
  readonly invariants: Readonly<Record<string, InvariantSpec>>;
  /** Unspecified cases by id (spec /oracle/unspecified), of every operation. */
  readonly unspecified: Readonly<Record<string, UnspecifiedCaseSpec>>;
  /** The unspecified cases about this operation's input: those whose `operation` names it (absent: the conformance target). */
  readonly ownUnspecified: readonly UnspecifiedCaseSpec[];
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
  /** Another operation of the same spec (spec /operation or /operations), compiled once. */
  operation(name: string): OperationModel;
}

/** Compiled operations per spec object, so `model.operation(name)` compiles each one once. */
const compiledBySpec = new WeakMap<Spec, Map<string, OperationModel>>();

/**
 * Compiles one operation of the spec: the conformance target (spec /operation, the default) or one of
 * /operations. Compiled once per spec object and name.
 */
export function compileOperation(spec: Spec = loadSpec(), name: string = spec.operation.name): OperationModel {
  let compiled = compiledBySpec.get(spec);
  if (!compiled) compiledBySpec.set(spec, (compiled = new Map()));
  let model = compiled.get(name);
  if (!model) compiled.set(name, (model = compile(spec, name)));
  return model;
}

function compile(spec: Spec, name: string): OperationModel {
  const op: OperationSpec | undefined = name === spec.operation.name ? spec.operation : spec.operations[name];
  if (!op) throw new Error(`the spec has no operation ${name}`);
  const inputName = op.input;
  const input = spec.shapes[inputName] as StructureShape;
  const labels = [...op.http.uri.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const bodyMembers = Object.fromEntries(Object.entries(input.members).filter(([, m]) => m.location === undefined));
  const queryMembers = Object.fromEntries(Object.entries(input.members).filter(([, m]) => m.location === 'query')) as Record<string, MemberSpec & { queryName: string }>;
  // Unit output: no body to judge, so any value passes the (empty) schema.
  const outputSchema = op.output === undefined ? {} : jsonSchemaOf(spec, op.output, { nullableOptional: true });
  const inputSchema = jsonSchemaOf(spec, inputName);
  const errorBodySchema: JsonSchema = {
    type: 'object',
    properties: Object.fromEntries(
      Object.entries(spec.errorContract.bodyMembers).map(([member, target]) => [member, target === 'string' ? { type: 'string' } : jsonSchemaOf(spec, target)]),
    ),
  };
  const shape = (shapeName: string): Shape => {
    const found = spec.shapes[shapeName];
    if (!found) throw new Error(`unknown shape ${shapeName}`);
    return found;
  };
  const cleanup = spec.operations[spec.cleanup.operation]!.http;
  return Object.freeze({
    spec,
    name,
    http: op.http,
    cleanup,
    input,
    output: op.output,
    paging: 'paging' in op ? op.paging : undefined,
    labels,
    queryMembers,
    bodyMembers,
    errors: Object.fromEntries(op.errors.map((e) => [e, spec.errors[e]!])),
    invariants: Object.fromEntries(spec.invariants.map((i) => [i.id, i])),
    unspecified: Object.fromEntries(spec.oracle.unspecified.cases.map((c) => [c.id, c])),
    ownUnspecified: spec.oracle.unspecified.cases.filter((c) => (c.operation ?? spec.operation.name) === name),
    inputSchema,
    outputSchema,
    errorBodySchema,
    validateInput: validator(inputSchema),
    validateOutput: validator(outputSchema),
    validateErrorBody: validator(errorBodySchema),
    shape,
    enumValues: (enumName: string) => (shape(enumName) as EnumShape).values,
    path: (values: Record<string, string>, binding: HttpBinding = op.http) =>
      binding.uri.replace(/\{(\w+)\}/g, (_, label: string) => encodeLabel(values[label] ?? '')),
    operation: (other: string) => compileOperation(spec, other),
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


/**
 * Compiled on first use: compiling is most of the cost of compiling an operation, and a small run (one
 * suite, a preflight, `serve`) reads only some of the operations' schemas.
 */
function validator(schema: JsonSchema): Validator {
  let validate: ValidateFunction | undefined;
  return (value) => {
    validate ??= ajv.compile(schema);
    return validate(value) ? [] : (validate.errors ?? []).map(toViolation);
  };
}

function toViolation(error: ErrorObject): SchemaViolation {
  const missing = error.keyword === 'required' ? `/${String(error.params.missingProperty)}` : '';
  return { path: error.instancePath + missing, keyword: error.keyword, message: error.message ?? error.keyword };
}
