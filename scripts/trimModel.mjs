#!/usr/bin/env node
/**
 * Trims the official Chime SDK Voice models down to the constraint facts of the proxy-session operations
 * and writes them to test/fixtures/proxy-session-model.json, which test/specMatchesModel.test.ts compares
 * with spec/create-proxy-session.yaml. The fixture keeps facts only (shapes, targets, constraint traits,
 * HTTP bindings, error statuses, deprecation dates); every documentation string and message is dropped.
 *
 *   node scripts/trimModel.mjs [referenceDir]     (npm run fixture:model)
 *
 * referenceDir defaults to ../shared/reference relative to the repository root and must hold
 * chime-sdk-voice.smithy.json and chime-sdk-voice.botocore-service-2.json. Plain Node, no dependencies.
 */
import { readFileSync, writeFileSync, mkdirSync, realpathSync } from 'node:fs';
import { dirname, join, resolve, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const NAMESPACE = 'com.amazonaws.chimesdkvoice';

/** The operations whose closure is kept. */
export const OPERATIONS = Object.freeze([
  'CreateProxySession',
  'DeleteProxySession',
  'GetProxySession',
  'ListProxySessions',
  'UpdateProxySession',
  'PutVoiceConnectorProxy',
  'GetVoiceConnectorProxy',
  'DeleteVoiceConnectorProxy',
  'CreateVoiceConnector',
  'DeleteVoiceConnector',
]);

/** Constraint-relevant traits; every other trait (documentation, examples, paginated, input/output, ...) is dropped. */
export const KEPT_TRAITS = Object.freeze([
  'smithy.api#deprecated',
  'smithy.api#enumValue',
  'smithy.api#error',
  'smithy.api#http',
  'smithy.api#httpError',
  'smithy.api#httpLabel',
  'smithy.api#httpQuery',
  'smithy.api#length',
  'smithy.api#pattern',
  'smithy.api#range',
  'smithy.api#required',
  'smithy.api#sensitive',
  'smithy.api#timestampFormat',
]);

/** The botocore shape whose pattern the fixture records, and the members that target it. */
export const BOTOCORE_VOICE_CONNECTOR_ID = 'VoiceConnectorId';

export const SMITHY_FILE = 'chime-sdk-voice.smithy.json';
export const BOTOCORE_FILE = 'chime-sdk-voice.botocore-service-2.json';
export const FIXTURE_PATH = 'test/fixtures/proxy-session-model.json';

/**
 * Pure: the trimmed fixture object for the given parsed Smithy JSON AST and botocore service-2 JSON.
 * Throws an Error naming what is missing when an operation or a targeted shape is not in the models.
 */
export function trimModel(smithyJson, botocoreJson) {
  if (!smithyJson || typeof smithyJson !== 'object' || !smithyJson.shapes) throw new Error('Smithy model: no "shapes" object');
  if (!botocoreJson || typeof botocoreJson !== 'object' || !botocoreJson.operations || !botocoreJson.shapes) {
    throw new Error('botocore model: no "operations"/"shapes" objects');
  }
  return {
    botocore: trimBotocore(botocoreJson),
    shapes: trimSmithyShapes(smithyJson.shapes),
    smithy: String(smithyJson.smithy),
  };
}

/** The fixture file's exact text: canonical key order, 2-space indentation, trailing newline. */
export function serializeModel(trimmed) {
  return `${JSON.stringify(canonical(trimmed), null, 2)}\n`;
}

function trimSmithyShapes(shapes) {
  const out = {};
  const queue = OPERATIONS.map((op) => `${NAMESPACE}#${op}`);
  for (const id of queue) {
    if (Object.hasOwn(out, id)) continue;
    const shape = shapes[id];
    if (!shape) {
      if (id.startsWith('smithy.api#')) continue; // prelude shape (Unit, String, ...): not in the model file
      throw new Error(`Smithy model: shape ${id} is targeted but not defined`);
    }
    const trimmed = { type: shape.type };
    for (const key of ['input', 'output', 'member', 'key', 'value']) {
      if (shape[key]) {
        trimmed[key] = trimMember(shape[key]);
        queue.push(shape[key].target);
      }
    }
    if (Array.isArray(shape.errors)) {
      trimmed.errors = shape.errors.map((e) => ({ target: e.target }));
      queue.push(...shape.errors.map((e) => e.target));
    }
    if (shape.members) {
      trimmed.members = {};
      for (const [name, member] of Object.entries(shape.members)) {
        trimmed.members[name] = trimMember(member);
        queue.push(member.target);
      }
    }
    const traits = trimTraits(shape.traits);
    if (traits) trimmed.traits = traits;
    out[id] = trimmed;
  }
  return out;
}

function trimMember(member) {
  const out = { target: member.target };
  const traits = trimTraits(member.traits);
  if (traits) out.traits = traits;
  return out;
}

function trimTraits(traits) {
  if (!traits) return undefined;
  const out = {};
  for (const name of KEPT_TRAITS) {
    if (!Object.hasOwn(traits, name)) continue;
    if (name === 'smithy.api#deprecated') {
      // Keep the date only, never the message prose.
      const value = traits[name] ?? {};
      out[name] = typeof value.since === 'string' ? { since: value.since } : {};
    } else {
      out[name] = traits[name];
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function trimBotocore(botocore) {
  const operations = {};
  const reachableInputs = new Set();
  const reachableOutputs = new Set();
  for (const name of OPERATIONS) {
    const op = botocore.operations[name];
    if (!op) throw new Error(`botocore model: operation ${name} is not defined`);
    const facts = { deprecated: op.deprecated === true };
    if (typeof op.deprecatedSince === 'string') facts.deprecatedSince = op.deprecatedSince;
    operations[name] = facts;
    if (op.input?.shape) collectStructures(botocore.shapes, op.input.shape, reachableInputs);
    if (op.output?.shape) collectStructures(botocore.shapes, op.output.shape, reachableOutputs);
  }
  const vc = botocore.shapes[BOTOCORE_VOICE_CONNECTOR_ID];
  if (!vc) throw new Error(`botocore model: shape ${BOTOCORE_VOICE_CONNECTOR_ID} is not defined`);
  const targeting = (structures) =>
    [...structures]
      .flatMap((s) => Object.entries(botocore.shapes[s].members ?? {}).filter(([, m]) => m.shape === BOTOCORE_VOICE_CONNECTOR_ID).map(([m]) => `${s}$${m}`))
      .sort();
  const shape = { type: vc.type };
  for (const key of ['pattern', 'min', 'max']) if (vc[key] !== undefined) shape[key] = vc[key];
  shape.inputMembers = targeting(reachableInputs);
  shape.outputMembers = targeting(reachableOutputs);
  return { operations, shapes: { [BOTOCORE_VOICE_CONNECTOR_ID]: shape } };
}

/** Adds every structure reachable from `name` (through members, list members, map values) to `into`. */
function collectStructures(shapes, name, into, seen = new Set()) {
  if (seen.has(name)) return;
  seen.add(name);
  const shape = shapes[name];
  if (!shape) throw new Error(`botocore model: shape ${name} is targeted but not defined`);
  if (shape.type === 'structure') {
    into.add(name);
    for (const m of Object.values(shape.members ?? {})) collectStructures(shapes, m.shape, into, seen);
  }
  for (const key of ['member', 'key', 'value']) if (shape[key]?.shape) collectStructures(shapes, shape[key].shape, into, seen);
}

/**
 * Canonical order: keys sorted, except the entries of a `members` map, which keep the model's order
 * (member order is meaningful in Smithy). Arrays keep their order.
 */
function canonical(value, keepOrder = false) {
  if (Array.isArray(value)) return value.map((v) => canonical(v));
  if (!value || typeof value !== 'object') return value;
  const keys = keepOrder ? Object.keys(value) : Object.keys(value).sort();
  const out = {};
  for (const key of keys) out[key] = canonical(value[key], !keepOrder && key === 'members');
  return out;
}

/** CLI: node scripts/trimModel.mjs [referenceDir] */
export function main(argv = process.argv.slice(2)) {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const referenceDir = resolve(argv[0] ?? join(repoRoot, '..', 'shared', 'reference'));
  const read = (file) => JSON.parse(readFileSync(join(referenceDir, file), 'utf8'));
  const text = serializeModel(trimModel(read(SMITHY_FILE), read(BOTOCORE_FILE)));
  const outFile = join(repoRoot, FIXTURE_PATH);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, text);
  process.stdout.write(`wrote ${relative(process.cwd(), outFile) || outFile} from ${referenceDir}\n`);
}

function invokedDirectly() {
  try {
    return process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`trimModel: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
