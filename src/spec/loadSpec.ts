import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ajv } from './_ajv.ts';
import { LineCounter, parseDocument } from 'yaml';
import { echoed, SpecLoadError } from '../errors.ts';
import { readInputFile, yamlData } from './readInputFile.ts';
import { metaSchema } from './metaSchema.ts';
import type { HttpBinding, Spec, StructureShape } from './types.ts';

/** The spec shipped with the package, at its root: two folders up from src/spec/, three from the compiled dist/src/spec/. */
export const defaultSpecPath = fileURLToPath(new URL(`${import.meta.url.endsWith('.ts') ? '' : '../'}../../spec/create-proxy-session.yaml`, import.meta.url));

/**
 * Reads, parses and validates a spec file. Every problem becomes a SpecLoadError naming the file (after
 * `options.flag`, the option that named it, when there is one) and the path of the bad entry (YAML
 * syntax, meta-schema, or a reference to a shape or error that does not exist). Only a regular file of at
 * most MAX_INPUT_FILE_BYTES is read, and its YAML may expand at most MAX_YAML_ALIASES aliases.
 */
export function loadSpec(file: string = defaultSpecPath, options: { flag?: string } = {}): Spec {
  const read = readInputFile(file);
  if ('problem' in read) throw new SpecLoadError(file, '', read.problem, options);
  return parseSpec(read.text, file, options);
}

/** Validates spec text; `file` (and `options.flag`) only label the messages. */
export function parseSpec(text: string, file = '<spec>', options: { flag?: string } = {}): Spec {
  return validatedBefore(text) ?? parseAndValidate(text, file, options);
}

function parseAndValidate(text: string, file: string, options: { flag?: string }): Spec {
  const fail = (path: string, message: string) => new SpecLoadError(file, path, message, options);
  // prettyErrors: false leaves linePos unset; a LineCounter turns the error's offset into line/column.
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter });
  const syntaxError = doc.errors[0];
  if (syntaxError) {
    const pos = syntaxError.linePos?.[0] ?? (syntaxError.pos ? lineCounter.linePos(syntaxError.pos[0]) : undefined);
    throw fail(pos ? `line ${pos.line}, column ${pos.col}` : '', `is not valid YAML: ${echoed(syntaxError.message.split('\n')[0]!)}`);
  }
  const converted = yamlData(doc);
  if ('problem' in converted) throw fail('', converted.problem);
  const data = converted.data;
  if (data === null || data === undefined) throw fail('/', 'is empty: expected a mapping with specVersion, service, operation, ...');
  validateMeta ??= ajv.compile(metaSchema);
  if (!validateMeta(data)) {
    const error = mostSpecific(validateMeta.errors ?? []);
    throw fail(pointer(error), describe(error, data));
  }
  const spec = data as Spec;
  const problem = firstDanglingReference(spec);
  if (problem) throw fail(problem.path, echoed(problem.message, 400));
  return deepFreeze(spec);
}

/** Compiled on the first spec parsed, not when the module loads (`--help` and usage errors parse none). */
let validateMeta: ValidateFunction | undefined;

/** ajv reports an error for each failed `if/then` branch too; the deepest one names the real culprit. */
function mostSpecific(errors: ErrorObject[]): ErrorObject {
  const real = errors.filter((e) => e.keyword !== 'if');
  return [...real].sort((a, b) => b.instancePath.length - a.instancePath.length)[0] ?? errors[0]!;
}

function pointer(error: ErrorObject): string {
  const extra = error.keyword === 'additionalProperties' ? `/${String(error.params.additionalProperty)}` : '';
  const path = error.instancePath + extra;
  return path === '' ? '/' : path;
}

function describe(error: ErrorObject, data: unknown): string {
  if (error.keyword === 'additionalProperties') return 'is not a known key';
  if (error.keyword === 'required') return `is missing "${String(error.params.missingProperty)}"`;
  if (error.keyword === 'enum') return `${error.message}: ${(error.params.allowedValues as unknown[]).join(', ')}`;
  const value = valueAt(data, error.instancePath);
  if (error.keyword === 'type') return `${error.message}, not ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value} ${echoed(JSON.stringify(value) ?? String(value))}`;
  if (error.keyword === 'format' && error.params.format === 'regex') return `${echoed(JSON.stringify(value))} is not a valid regular expression: ${echoed(regexProblem(String(value)))}`;
  return error.message ?? error.keyword;
}

/** Why ajv-formats' `regex` format rejected a pattern (it also rejects \Z, which ECMAScript lacks). */
function regexProblem(pattern: string): string {
  try {
    new RegExp(pattern);
  } catch (e) {
    return (e as Error).message;
  }
  return /[^\\]\\Z/.test(pattern) ? '\\Z is not an ECMAScript anchor (use $)' : 'rejected by the regex format';
}

function valueAt(data: unknown, instancePath: string): unknown {
  let value = data;
  for (const raw of instancePath.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

function firstDanglingReference(spec: Spec): { path: string; message: string } | undefined {
  const has = (name: string) => Object.hasOwn(spec.shapes, name);
  for (const [name, shape] of Object.entries(spec.shapes)) {
    if (shape.type === 'structure') {
      for (const [member, m] of Object.entries(shape.members)) {
        if (!has(m.target)) return { path: `/shapes/${name}/members/${member}/target`, message: `shape "${m.target}" is not defined` };
      }
    }
    if (shape.type === 'list' && !has(shape.member)) return { path: `/shapes/${name}/member`, message: `shape "${shape.member}" is not defined` };
  }
  for (const key of ['input', 'output'] as const) {
    if (spec.shapes[spec.operation[key]]?.type !== 'structure') {
      return { path: `/operation/${key}`, message: `"${spec.operation[key]}" is not a structure shape` };
    }
  }
  for (const [i, error] of spec.operation.errors.entries()) {
    if (!Object.hasOwn(spec.errors, error)) return { path: `/operation/errors/${i}`, message: `error "${error}" is not defined under /errors` };
  }
  for (const key of ['constraintViolation', 'unknownVoiceConnector'] as const) {
    const error = spec.oracle[key].error;
    if (!spec.operation.errors.includes(error)) return { path: `/oracle/${key}/error`, message: `"${error}" is not an error of the operation` };
  }
  if (!Object.hasOwn(spec.errors, spec.oracle.unknownProxySession.error)) {
    return { path: '/oracle/unknownProxySession/error', message: `error "${spec.oracle.unknownProxySession.error}" is not defined under /errors` };
  }
  const labelProblem = unboundLabel(spec, '/operation', spec.operation);
  if (labelProblem) return labelProblem;
  for (const [i, c] of spec.oracle.unspecified.cases.entries()) {
    const operation = c.operation === undefined || c.operation === spec.operation.name ? spec.operation : spec.operations[c.operation];
    if (!operation) return { path: `/oracle/unspecified/cases/${i}/operation`, message: `"${c.operation}" is not an operation of the spec` };
    const input = spec.shapes[operation.input];
    if (input?.type === 'structure' && c.member !== undefined && !Object.hasOwn(input.members, c.member)) {
      return { path: `/oracle/unspecified/cases/${i}/member`, message: `"${c.member}" is not an input member${c.operation === undefined ? '' : ` of ${c.operation}`}` };
    }
  }
  for (const [name, op] of Object.entries(spec.operations)) {
    const path = `/operations/${name}`;
    if (spec.shapes[op.input]?.type !== 'structure') return { path: `${path}/input`, message: `"${op.input}" is not a structure shape` };
    if (op.output !== undefined && spec.shapes[op.output]?.type !== 'structure') return { path: `${path}/output`, message: `"${op.output}" is not a structure shape` };
    for (const [i, error] of op.errors.entries()) {
      if (!Object.hasOwn(spec.errors, error)) return { path: `${path}/errors/${i}`, message: `error "${error}" is not defined under /errors` };
    }
    const problem = unboundLabel(spec, path, op);
    if (problem) return problem;
    if (op.paging) {
      const inputShape = spec.shapes[op.input] as StructureShape;
      const outputShape = op.output === undefined ? undefined : (spec.shapes[op.output] as StructureShape);
      for (const [key, holder] of [['inputToken', inputShape], ['pageSize', inputShape], ['outputToken', outputShape], ['items', outputShape]] as const) {
        if (!holder || !Object.hasOwn(holder.members, op.paging[key])) return { path: `${path}/paging/${key}`, message: `"${op.paging[key]}" is not a member of the operation's ${key === 'inputToken' || key === 'pageSize' ? 'input' : 'output'}` };
      }
    }
  }
  if (!Object.hasOwn(spec.operations, spec.cleanup.operation)) return { path: '/cleanup/operation', message: `"${spec.cleanup.operation}" is not one of /operations` };
  for (const [role, name] of Object.entries(spec.lifecycle.provision.operations)) {
    if (!Object.hasOwn(spec.operations, name)) return { path: `/lifecycle/provision/operations/${role}`, message: `"${name}" is not one of /operations` };
  }
  const status = spec.shapes.ProxySessionStatus;
  if (status?.type === 'enum' && !status.values.includes(spec.lifecycle.expired.status)) {
    return { path: '/lifecycle/expired/status', message: `"${spec.lifecycle.expired.status}" is not a ProxySessionStatus value` };
  }
  for (const [i, error] of spec.oracle.unauthenticated.errors.entries()) {
    if (!spec.operation.errors.includes(error)) return { path: `/oracle/unauthenticated/errors/${i}`, message: `"${error}" is not an error of the operation` };
  }
  for (const [i, error] of spec.retry.errors.entries()) {
    if (!spec.operation.errors.includes(error)) return { path: `/retry/errors/${i}`, message: `"${error}" is not an error of the operation` };
  }
  const bodyMember = spec.errorContract.bodyMembers;
  for (const [member, target] of Object.entries(bodyMember)) {
    if (target !== 'string' && !has(target)) return { path: `/errorContract/bodyMembers/${member}`, message: `shape "${target}" is not defined` };
  }
  return undefined;
}

/** A {label} of the URI without a label member, or a label member the URI does not name. */
function unboundLabel(spec: Spec, path: string, op: { http: HttpBinding; input: string }): { path: string; message: string } | undefined {
  const input = spec.shapes[op.input];
  if (input?.type !== 'structure') return undefined;
  const labels = [...op.http.uri.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  for (const label of labels) {
    if (input.members[label]?.location !== 'label') return { path: `${path}/http/uri`, message: `label {${label}} is not an input member with location: label` };
  }
  for (const [member, m] of Object.entries(input.members)) {
    if (m.location === 'label' && !labels.includes(member)) {
      return { path: `/shapes/${op.input}/members/${member}/location`, message: `is label, but ${path}/http/uri has no {${member}}` };
    }
  }
  return undefined;
}

/**
 * The bundled spec as the build parsed and validated it (`npm run build` writes it beside the compiled
 * code), keyed by the SHA-256 of its text. Parsing the YAML and compiling the meta-schema take about a
 * quarter of a second of CPU, paid by every process: each CLI run, `serve`, every test that spawns one.
 * Text that differs by a byte (an edited spec, another `--spec`) is parsed and validated as usual. Absent
 * when running the TypeScript sources, which always parse.
 */
export const validatedSpecCachePath = import.meta.url.endsWith('.js') ? fileURLToPath(new URL('../../validated-spec.json', import.meta.url)) : undefined;

/** Writes the cache of the bundled spec: the build's last step, run from the compiled code. */
export function writeValidatedSpecCache(file = validatedSpecCachePath): void {
  if (file === undefined) throw new Error('the spec cache is written by the compiled code (dist/), not the TypeScript sources');
  const text = readFileSync(defaultSpecPath, 'utf8');
  writeFileSync(file, JSON.stringify({ sha256: sha256(text), spec: parseAndValidate(text, defaultSpecPath, {}) }));
}

let cache: { sha256: string; spec: Spec } | null | undefined;

function validatedBefore(text: string): Spec | undefined {
  if (cache === undefined) {
    try {
      cache = validatedSpecCachePath === undefined ? null : (JSON.parse(readFileSync(validatedSpecCachePath, 'utf8')) as { sha256: string; spec: Spec });
    } catch {
      cache = null;
    }
  }
  if (cache === null || cache.sha256 !== sha256(text)) return undefined;
  return deepFreeze(cache.spec);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
