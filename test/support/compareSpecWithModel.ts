/**
 * Compares the project's spec with the trimmed official models (test/fixtures/proxy-session-model.json,
 * written by scripts/trimModel.mjs). Pure: returns one message per difference, each naming the spec path,
 * the spec's value, the model shape/trait and the model's value. An empty list means they agree.
 */
import type { Shape, Spec, StructureShape } from '../../src/spec/types.ts';
import type { SmithyMemberRef, TrimmedModel, TrimmedSmithyShape } from '../../scripts/trimModel.mjs';

export const MODEL_NAMESPACE = 'com.amazonaws.chimesdkvoice';

const T = {
  http: 'smithy.api#http',
  httpLabel: 'smithy.api#httpLabel',
  httpQuery: 'smithy.api#httpQuery',
  required: 'smithy.api#required',
  length: 'smithy.api#length',
  pattern: 'smithy.api#pattern',
  range: 'smithy.api#range',
  enumValue: 'smithy.api#enumValue',
  sensitive: 'smithy.api#sensitive',
  timestampFormat: 'smithy.api#timestampFormat',
  error: 'smithy.api#error',
  httpError: 'smithy.api#httpError',
} as const;

/** Spec shape type → Smithy shape type. */
const SMITHY_TYPE: Record<Shape['type'], string> = {
  structure: 'structure',
  list: 'list',
  string: 'string',
  integer: 'integer',
  enum: 'enum',
  timestamp: 'timestamp',
  boolean: 'boolean',
};

const show = (value: unknown): string => (value === undefined ? '(absent)' : JSON.stringify(value));
const shortName = (id: string): string => (id.startsWith(`${MODEL_NAMESPACE}#`) ? id.slice(MODEL_NAMESPACE.length + 1) : id);
const setDiff = (a: Iterable<string>, b: Iterable<string>): string[] => {
  const inB = new Set(b);
  return [...new Set(a)].filter((x) => !inB.has(x)).sort();
};

interface Bounds {
  min?: number;
  max?: number;
}

export function compareSpecWithModel(spec: Spec, model: TrimmedModel): string[] {
  const diffs: string[] = [];
  const modelShape = (name: string): TrimmedSmithyShape | undefined => model.shapes[`${MODEL_NAMESPACE}#${name}`];
  const trait = (holder: { traits?: Record<string, unknown> } | undefined, name: string): unknown => holder?.traits?.[name];
  const hasTrait = (holder: { traits?: Record<string, unknown> } | undefined, name: string): boolean =>
    holder?.traits !== undefined && Object.hasOwn(holder.traits, name);
  const differ = (path: string, specValue: unknown, modelId: string, modelValue: unknown): void => {
    diffs.push(`${path}: spec has ${show(specValue)}, model ${modelId} has ${show(modelValue)}`);
  };

  // ---- operations (the conformance target and its siblings) ---------------------------------------
  const compareOperation = (path: string, name: string, specOp: { http: Spec['operation']['http']; input: string; output?: string; errors: string[] }): void => {
    const op = modelShape(name);
    if (op?.type !== 'operation') {
      diffs.push(`${path}/name: "${name}" is not an operation of the model`);
      return;
    }
    const id = `${shortName(name)} ${T.http}`;
    const modelHttp = (trait(op, T.http) ?? {}) as Partial<Spec['operation']['http']>;
    for (const key of ['method', 'uri', 'code'] as const) {
      if (specOp.http[key] !== modelHttp[key]) differ(`${path}/http/${key}`, specOp.http[key], id, modelHttp[key]);
    }
    for (const key of ['input', 'output'] as const) {
      // Smithy's Unit output is an absent `output` in the spec.
      const modelTarget = op[key] && op[key].target !== 'smithy.api#Unit' ? shortName(op[key].target) : undefined;
      if (specOp[key] !== modelTarget) differ(`${path}/${key}`, specOp[key], `${name} ${key}`, modelTarget);
    }
    const modelErrors = (op.errors ?? []).map((e) => shortName(e.target));
    const missing = setDiff(modelErrors, specOp.errors);
    const extra = setDiff(specOp.errors, modelErrors);
    if (missing.length > 0) diffs.push(`${path}/errors: lacks ${missing.join(', ')}, which the model's ${name} declares`);
    if (extra.length > 0) diffs.push(`${path}/errors: has ${extra.join(', ')}, which the model's ${name} does not declare`);

    // Every input member of the model's operation is in the spec's input, and vice versa, whatever the
    // input shapes are called, so a member added to the model cannot be missed.
    const modelInput = op.input ? model.shapes[op.input.target] : undefined;
    const specInput = spec.shapes[specOp.input];
    const modelMembers = Object.keys(modelInput?.members ?? {});
    const specMembers = specInput?.type === 'structure' ? Object.keys(specInput.members) : [];
    const notInSpec = setDiff(modelMembers, specMembers);
    const notInModel = setDiff(specMembers, modelMembers);
    if (notInSpec.length > 0) diffs.push(`${path}/input: the model's ${name} input has member(s) ${notInSpec.join(', ')} that the spec lacks`);
    if (notInModel.length > 0) diffs.push(`${path}/input: the spec's input has member(s) ${notInModel.join(', ')} that the model's ${name} input lacks`);
  };

  compareOperation('/operation', spec.operation.name, spec.operation);
  for (const [name, op] of Object.entries(spec.operations)) compareOperation(`/operations/${name}`, name, op);

  // ---- shapes ------------------------------------------------------------------------------------------
  const compareBounds = (path: string, specBounds: Bounds | undefined, id: string, traitName: string, holder: TrimmedSmithyShape): void => {
    const modelBounds = trait(holder, traitName) as Bounds | undefined;
    for (const key of ['min', 'max'] as const) {
      const s = specBounds?.[key];
      const m = modelBounds?.[key];
      if (s !== m) differ(`${path}/${key}`, s, `${id} ${traitName}.${key}`, m);
    }
  };

  for (const [name, shape] of Object.entries(spec.shapes)) {
    const path = `/shapes/${name}`;
    const m = modelShape(name);
    if (!m) {
      if (shape.source === 'model') diffs.push(`${path}: marked "source: model" but the model has no shape ${name}`);
      continue;
    }
    if (SMITHY_TYPE[shape.type] !== m.type) {
      differ(`${path}/type`, shape.type, name, m.type);
      continue;
    }
    switch (shape.type) {
      case 'structure':
        compareStructure(path, name, shape, m);
        break;
      case 'list': {
        const target = m.member ? shortName(m.member.target) : undefined;
        if (shape.member !== target) differ(`${path}/member`, shape.member, `${name} member target`, target);
        compareBounds(`${path}/length`, shape.length, name, T.length, m);
        break;
      }
      case 'string': {
        compareBounds(`${path}/length`, shape.length, name, T.length, m);
        const pattern = trait(m, T.pattern);
        if (shape.pattern !== pattern) differ(`${path}/pattern`, shape.pattern, `${name} ${T.pattern}`, pattern);
        const sensitive = hasTrait(m, T.sensitive);
        if ((shape.sensitive ?? false) !== sensitive) differ(`${path}/sensitive`, shape.sensitive ?? false, `${name} ${T.sensitive}`, sensitive);
        break;
      }
      case 'integer':
        compareBounds(`${path}/range`, shape.range, name, T.range, m);
        break;
      case 'enum': {
        const modelValues = Object.entries(m.members ?? {}).map(([member, ref]) => {
          const value = trait(ref, T.enumValue);
          return typeof value === 'string' ? value : member;
        });
        const missing = setDiff(modelValues, shape.values);
        const extra = setDiff(shape.values, modelValues);
        if (missing.length > 0) diffs.push(`${path}/values: lacks ${missing.join(', ')}, which the model's ${name} has`);
        if (extra.length > 0) diffs.push(`${path}/values: has ${extra.join(', ')}, which the model's ${name} does not have`);
        break;
      }
      case 'timestamp': {
        const format = trait(m, T.timestampFormat);
        if (shape.timestampFormat !== format) differ(`${path}/timestampFormat`, shape.timestampFormat, `${name} ${T.timestampFormat}`, format);
        break;
      }
    }
  }

  function compareStructure(path: string, name: string, shape: StructureShape, m: TrimmedSmithyShape): void {
    const modelMembers: Record<string, SmithyMemberRef> = m.members ?? {};
    const missing = setDiff(Object.keys(modelMembers), Object.keys(shape.members));
    const extra = setDiff(Object.keys(shape.members), Object.keys(modelMembers));
    if (missing.length > 0) diffs.push(`${path}/members: lacks ${missing.join(', ')}, which the model's ${name} has`);
    if (extra.length > 0) diffs.push(`${path}/members: has ${extra.join(', ')}, which the model's ${name} does not have`);
    for (const [memberName, member] of Object.entries(shape.members)) {
      const ref = modelMembers[memberName];
      if (!ref) continue;
      const mpath = `${path}/members/${memberName}`;
      const id = `${name}$${memberName}`;
      const target = shortName(ref.target);
      if (member.target !== target) differ(`${mpath}/target`, member.target, `${id} target`, target);
      const required = hasTrait(ref, T.required);
      if ((member.required ?? false) !== required) differ(`${mpath}/required`, member.required ?? false, `${id} ${T.required}`, required);
      const label = hasTrait(ref, T.httpLabel);
      if ((member.location === 'label') !== label) differ(`${mpath}/location`, member.location, `${id} ${T.httpLabel}`, label);
      const query = trait(ref, T.httpQuery);
      if ((member.location === 'query' ? member.queryName : undefined) !== query) differ(`${mpath}/queryName`, member.queryName, `${id} ${T.httpQuery}`, query);
    }
  }

  // ---- errors ------------------------------------------------------------------------------------------
  for (const [name, error] of Object.entries(spec.errors)) {
    const path = `/errors/${name}`;
    const m = modelShape(name);
    if (!m) {
      if (error.source === 'model') diffs.push(`${path}: marked "source: model" but the model has no shape ${name}`);
      continue;
    }
    const fault = trait(m, T.error);
    if (fault === undefined) {
      diffs.push(`${path}: the model's ${name} has no ${T.error} trait, so it is not an error`);
      continue;
    }
    if (error.fault !== fault) differ(`${path}/fault`, error.fault, `${name} ${T.error}`, fault);
    const status = trait(m, T.httpError);
    if (error.status !== status) differ(`${path}/status`, error.status, `${name} ${T.httpError}`, status);
    // The error body contract: same members; `string` in the spec stands for any unconstrained string shape.
    const members = m.members ?? {};
    const body = spec.errorContract.bodyMembers;
    const missing = setDiff(Object.keys(members), Object.keys(body));
    const extra = setDiff(Object.keys(body), Object.keys(members));
    if (missing.length > 0) diffs.push(`/errorContract/bodyMembers: lacks ${missing.join(', ')}, which the model's ${name} has`);
    if (extra.length > 0) diffs.push(`/errorContract/bodyMembers: has ${extra.join(', ')}, which the model's ${name} does not have`);
    for (const [member, specTarget] of Object.entries(body)) {
      const ref = members[member];
      if (!ref) continue;
      const modelTarget = model.shapes[ref.target];
      const ok = specTarget === 'string' ? modelTarget?.type === 'string' && modelTarget.traits === undefined : specTarget === shortName(ref.target);
      if (!ok) differ(`/errorContract/bodyMembers/${member}`, specTarget, `${name}$${member} target`, shortName(ref.target));
    }
  }

  // ---- botocore facts ----------------------------------------------------------------------------------
  const botoOp = model.botocore.operations[spec.operation.name];
  if (!botoOp) {
    diffs.push(`/operation/name: botocore facts have no operation ${spec.operation.name}`);
  } else {
    const since = spec.service.deprecation?.since;
    if (botoOp.deprecated && since === undefined) {
      diffs.push(`/service/deprecation: absent, but botocore marks ${spec.operation.name} deprecated since ${show(botoOp.deprecatedSince)}`);
    } else if (since !== botoOp.deprecatedSince) {
      differ('/service/deprecation/since', since, `botocore ${spec.operation.name} deprecatedSince`, botoOp.deprecatedSince);
    }
  }
  const vc = model.botocore.shapes.VoiceConnectorId;
  const stricter = (spec.shapes.NonEmptyString128 as Extract<Shape, { type: 'string' }> | undefined)?.stricterPattern;
  if (stricter?.pattern !== vc.pattern) differ('/shapes/NonEmptyString128/stricterPattern/pattern', stricter?.pattern, 'botocore VoiceConnectorId pattern', vc.pattern);
  // The members the spec says break only the stricter pattern must be ones botocore narrows.
  for (const [i, c] of spec.oracle.unspecified.cases.entries()) {
    if (!c.breaksStricterPattern || c.member === undefined) continue;
    const member = `${spec.operation.input}$${c.member}`;
    if (!vc.inputMembers.includes(member)) {
      diffs.push(`/oracle/unspecified/cases/${i}/member: ${member} does not target botocore's VoiceConnectorId (targeted by ${vc.inputMembers.join(', ')})`);
    }
  }

  return diffs;
}
