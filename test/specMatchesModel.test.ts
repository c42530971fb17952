/**
 * The spec (spec/create-proxy-session.yaml) must agree with the official models, trimmed into
 * test/fixtures/proxy-session-model.json by scripts/trimModel.mjs. The fixture lives in the project so this
 * runs on any clone; when ../shared/reference is present, the fixture is also regenerated and must be
 * byte-identical, so it cannot go stale.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../src/spec/loadSpec.ts';
import type { Spec } from '../src/spec/types.ts';
import { BOTOCORE_FILE, FIXTURE_PATH, SMITHY_FILE, serializeModel, trimModel, type TrimmedModel } from '../scripts/trimModel.mjs';
import { compareSpecWithModel, MODEL_NAMESPACE } from './support/compareSpecWithModel.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const referenceDir = join(repoRoot, '..', 'shared', 'reference');
const fixtureText = readFileSync(join(repoRoot, FIXTURE_PATH), 'utf8');
const fixture = JSON.parse(fixtureText) as TrimmedModel;
const spec = loadSpec();

describe('spec agrees with the official model', () => {
  it('has no difference from the trimmed model (HTTP bindings, errors, shapes, traits, botocore facts)', () => {
    expect(compareSpecWithModel(spec, fixture)).toEqual([]);
  });

  it('has exactly the model input members of the operation, in both directions', () => {
    const op = fixture.shapes[`${MODEL_NAMESPACE}#${spec.operation.name}`];
    expect(op?.type, `${spec.operation.name} is an operation in the model`).toBe('operation');
    const modelInput = fixture.shapes[op!.input!.target];
    const specInput = spec.shapes[spec.operation.input];
    expect(specInput?.type).toBe('structure');
    const modelMembers = Object.keys(modelInput?.members ?? {}).sort();
    const specMembers = specInput?.type === 'structure' ? Object.keys(specInput.members).sort() : [];
    expect(specMembers, `members of spec shape ${spec.operation.input} vs model ${op!.input!.target}`).toEqual(modelMembers);
  });

  it("takes NonEmptyString128's stricterPattern and the deprecation date from botocore", () => {
    const nonEmpty = spec.shapes.NonEmptyString128;
    expect(nonEmpty?.type === 'string' ? nonEmpty.stricterPattern?.pattern : undefined, 'spec /shapes/NonEmptyString128/stricterPattern/pattern').toBe(
      fixture.botocore.shapes.VoiceConnectorId.pattern,
    );
    expect(spec.service.deprecation?.since, 'spec /service/deprecation/since').toBe(fixture.botocore.operations[spec.operation.name]?.deprecatedSince);
    expect(fixture.botocore.shapes.VoiceConnectorId.inputMembers).toContain(`${spec.operation.input}$VoiceConnectorId`);
  });

  it.skipIf(!existsSync(referenceDir))('uses a fixture that is up to date with ../shared/reference (npm run fixture:model)', () => {
    const read = (file: string): unknown => JSON.parse(readFileSync(join(referenceDir, file), 'utf8'));
    const regenerated = serializeModel(trimModel(read(SMITHY_FILE), read(BOTOCORE_FILE)));
    expect(JSON.parse(regenerated)).toEqual(fixture);
    expect(regenerated, 'byte-identical, including key order and formatting').toBe(fixtureText);
  });

  it('keeps no documentation or other prose in the fixture', () => {
    expect(fixtureText).not.toMatch(/smithy\.api#documentation|deprecatedMessage|"message"|<p>/);
  });
});

/** Each mutation of a deep copy of the real spec and the differences the comparison must report for it. */
const mutations: { what: string; mutate: (s: Spec) => void; expected: string[] }[] = [
  {
    what: 'Name pattern {0,31}',
    mutate: (s) => {
      const shape = s.shapes.ProxySessionNameString;
      if (shape?.type === 'string') shape.pattern = '^$|^[a-zA-Z0-9 ]{0,31}$';
    },
    expected: [
      '/shapes/ProxySessionNameString/pattern: spec has "^$|^[a-zA-Z0-9 ]{0,31}$", model ProxySessionNameString smithy.api#pattern has "^$|^[a-zA-Z0-9 ]{0,30}$"',
    ],
  },
  {
    what: 'ParticipantPhoneNumberList max 3',
    mutate: (s) => {
      const shape = s.shapes.ParticipantPhoneNumberList;
      if (shape?.type === 'list') shape.length = { min: 2, max: 3 };
    },
    expected: ['/shapes/ParticipantPhoneNumberList/length/max: spec has 3, model ParticipantPhoneNumberList smithy.api#length.max has 2'],
  },
  {
    what: 'NotFoundException status 400',
    mutate: (s) => {
      s.errors.NotFoundException!.status = 400;
    },
    expected: ['/errors/NotFoundException/status: spec has 400, model NotFoundException smithy.api#httpError has 404'],
  },
  {
    what: 'ServiceUnavailableException fault client',
    mutate: (s) => {
      s.errors.ServiceUnavailableException!.fault = 'client';
    },
    expected: ['/errors/ServiceUnavailableException/fault: spec has "client", model ServiceUnavailableException smithy.api#error has "server"'],
  },
  {
    what: 'operation code 200 and method PUT',
    mutate: (s) => {
      s.operation.http.code = 200;
      s.operation.http.method = 'PUT';
    },
    expected: [
      '/operation/http/method: spec has "PUT", model CreateProxySession smithy.api#http has "POST"',
      '/operation/http/code: spec has 200, model CreateProxySession smithy.api#http has 201',
    ],
  },
  {
    what: 'a sibling operation uri and a query parameter name',
    mutate: (s) => {
      s.operations.DeleteProxySession!.http.uri = '/voice-connectors/{VoiceConnectorId}/proxy-session/{ProxySessionId}';
      const list = s.shapes.ListProxySessionsRequest;
      if (list?.type === 'structure') list.members.MaxResults!.queryName = 'maxResults';
    },
    expected: [
      '/operations/DeleteProxySession/http/uri: spec has "/voice-connectors/{VoiceConnectorId}/proxy-session/{ProxySessionId}", model DeleteProxySession smithy.api#http has "/voice-connectors/{VoiceConnectorId}/proxy-sessions/{ProxySessionId}"',
      '/shapes/ListProxySessionsRequest/members/MaxResults/queryName: spec has "maxResults", model ListProxySessionsRequest$MaxResults smithy.api#httpQuery has "max-results"',
    ],
  },
  {
    what: 'an error dropped from and one added to the operation',
    mutate: (s) => {
      s.operation.errors = s.operation.errors.filter((e) => e !== 'ThrottledClientException').concat('ConflictException');
    },
    expected: [
      "/operation/errors: lacks ThrottledClientException, which the model's CreateProxySession declares",
      "/operation/errors: has ConflictException, which the model's CreateProxySession does not declare",
    ],
  },
  {
    what: 'an input member dropped',
    mutate: (s) => {
      const shape = s.shapes.CreateProxySessionRequest;
      if (shape?.type === 'structure') delete shape.members.GeoMatchParams;
    },
    expected: [
      "/operation/input: the model's CreateProxySession input has member(s) GeoMatchParams that the spec lacks",
      "/shapes/CreateProxySessionRequest/members: lacks GeoMatchParams, which the model's CreateProxySessionRequest has",
    ],
  },
  {
    what: 'an input member added',
    mutate: (s) => {
      const shape = s.shapes.CreateProxySessionRequest;
      if (shape?.type === 'structure') shape.members.Tags = { target: 'String128' };
    },
    expected: [
      "/operation/input: the spec's input has member(s) Tags that the model's CreateProxySession input lacks",
      "/shapes/CreateProxySessionRequest/members: has Tags, which the model's CreateProxySessionRequest does not have",
    ],
  },
  {
    what: 'required, label and target of members',
    mutate: (s) => {
      const shape = s.shapes.CreateProxySessionRequest;
      if (shape?.type !== 'structure') return;
      shape.members.Capabilities!.required = false;
      delete shape.members.VoiceConnectorId!.location;
      shape.members.Name!.target = 'String128';
    },
    expected: [
      '/shapes/CreateProxySessionRequest/members/VoiceConnectorId/location: spec has (absent), model CreateProxySessionRequest$VoiceConnectorId smithy.api#httpLabel has true',
      '/shapes/CreateProxySessionRequest/members/Name/target: spec has "String128", model CreateProxySessionRequest$Name target has "ProxySessionNameString"',
      '/shapes/CreateProxySessionRequest/members/Capabilities/required: spec has false, model CreateProxySessionRequest$Capabilities smithy.api#required has true',
    ],
  },
  {
    what: 'enum values, sensitivity, range, type and list member',
    mutate: (s) => {
      const status = s.shapes.ProxySessionStatus;
      if (status?.type === 'enum') status.values = ['Open', 'Closed', 'Expired'];
      const phone = s.shapes.E164PhoneNumber;
      if (phone?.type === 'string') delete phone.sensitive;
      const positive = s.shapes.PositiveInteger;
      if (positive?.type === 'integer') positive.range = { min: 1, max: 720 };
      s.shapes.String128 = { type: 'enum', values: ['x'], source: 'model' };
      const caps = s.shapes.CapabilityList;
      if (caps?.type === 'list') caps.member = 'String128';
    },
    expected: [
      '/shapes/CapabilityList/member: spec has "String128", model CapabilityList member target has "Capability"',
      '/shapes/E164PhoneNumber/sensitive: spec has false, model E164PhoneNumber smithy.api#sensitive has true',
      '/shapes/PositiveInteger/range/max: spec has 720, model PositiveInteger smithy.api#range.max has (absent)',
      '/shapes/String128/type: spec has "enum", model String128 has "string"',
      "/shapes/ProxySessionStatus/values: lacks InProgress, which the model's ProxySessionStatus has",
      "/shapes/ProxySessionStatus/values: has Expired, which the model's ProxySessionStatus does not have",
    ],
  },
  {
    what: 'timestamp format',
    mutate: (s) => {
      // Outside the meta-schema, but the comparison must not rely on the loader for it.
      (s.shapes.Iso8601Timestamp as { timestampFormat: string }).timestampFormat = 'epoch-seconds';
    },
    expected: ['/shapes/Iso8601Timestamp/timestampFormat: spec has "epoch-seconds", model Iso8601Timestamp smithy.api#timestampFormat has "date-time"'],
  },
  {
    what: 'a model-sourced shape the model does not have',
    mutate: (s) => {
      s.shapes.ProxySessionTag = { type: 'string', source: 'model' };
    },
    expected: ['/shapes/ProxySessionTag: marked "source: model" but the model has no shape ProxySessionTag'],
  },
  {
    what: 'botocore stricterPattern and deprecation date',
    mutate: (s) => {
      const shape = s.shapes.NonEmptyString128;
      if (shape?.type === 'string') shape.stricterPattern = { pattern: '[a-z0-9]{21,22}', source: 'botocore' };
      s.service.deprecation = { since: '2026-04-08', source: 'botocore' };
    },
    expected: [
      '/service/deprecation/since: spec has "2026-04-08", model botocore CreateProxySession deprecatedSince has "2026-04-07"',
      '/shapes/NonEmptyString128/stricterPattern/pattern: spec has "[a-z0-9]{21,22}", model botocore VoiceConnectorId pattern has "([a-z0-9]{21,22}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"',
    ],
  },
  {
    what: 'deprecation removed',
    mutate: (s) => {
      delete s.service.deprecation;
    },
    expected: ['/service/deprecation: absent, but botocore marks CreateProxySession deprecated since "2026-04-07"'],
  },
  {
    what: 'error body contract',
    mutate: (s) => {
      s.errorContract.bodyMembers = { Code: 'String128', Detail: 'string' };
    },
    // Reported once per error of the spec; checked below as "contains".
    expected: [
      '/errorContract/bodyMembers: lacks Message, which the model\'s BadRequestException has',
      '/errorContract/bodyMembers: has Detail, which the model\'s BadRequestException does not have',
      '/errorContract/bodyMembers/Code: spec has "String128", model BadRequestException$Code target has "ErrorCode"',
    ],
  },
];

describe('the comparison catches a changed spec', () => {
  it('reports nothing for an unchanged deep copy', () => {
    expect(compareSpecWithModel(structuredClone(spec), fixture)).toEqual([]);
  });

  it.each(mutations)('reports: $what', ({ what, mutate, expected }) => {
    const copy = structuredClone(spec) as Spec;
    mutate(copy);
    const diffs = compareSpecWithModel(copy, fixture);
    if (what === 'error body contract') {
      expect(diffs).toEqual(expect.arrayContaining(expected));
      expect(diffs).toHaveLength(expected.length * Object.keys(spec.errors).length);
    } else {
      expect([...diffs].sort()).toEqual([...expected].sort());
    }
    // The loaded spec itself is frozen and untouched.
    expect(compareSpecWithModel(spec, fixture)).toEqual([]);
  });
});
