import { describe, expect, it } from 'vitest';
import { compileOperation, defaultOperation, loadSpec, type OperationModel, type Shape, type StructureShape } from '../src/spec/index.ts';
import { specConstraints } from './specConstraints.ts';

describe('specConstraints', () => {
  it('lists every constraint of the bundled spec: labels, body members, nested members and list items', () => {
    expect(specConstraints(defaultOperation()).filter((c) => c.startsWith('/'))).toEqual([
      '/VoiceConnectorId#required',
      '/VoiceConnectorId#length',
      '/VoiceConnectorId#pattern',
      '/ParticipantPhoneNumbers#required',
      '/ParticipantPhoneNumbers#length',
      '/ParticipantPhoneNumbers/*#pattern',
      '/Name#pattern',
      '/ExpiryMinutes#range',
      '/Capabilities#required',
      '/Capabilities/*#enum',
      '/NumberSelectionBehavior#enum',
      '/GeoMatchLevel#enum',
      '/GeoMatchParams/Country#required',
      '/GeoMatchParams/Country#pattern',
      '/GeoMatchParams/AreaCode#required',
      '/GeoMatchParams/AreaCode#pattern',
    ]);
  });

  it("lists every other operation's constraints under its name: labels, query and body members", () => {
    const constraints = specConstraints(defaultOperation());
    for (const expected of ['GetProxySession:/ProxySessionId#length', 'ListProxySessions:/MaxResults#range', 'ListProxySessions:/Status#enum', 'UpdateProxySession:/ExpiryMinutes#range', 'UpdateProxySession:/Capabilities/*#enum', 'PutVoiceConnectorProxy:/PhoneNumberPoolCountries#required']) {
      expect(constraints).toContain(expected);
    }
  });

  it('follows structures inside lists', () => {
    // Arrange: a list of structures whose members are constrained.
    const spec = structuredClone(loadSpec());
    (spec.shapes.CreateProxySessionRequest as StructureShape).members.Tags = { target: 'TagList' };
    spec.shapes.TagList = { type: 'list', member: 'Tag', length: { max: 5 }, source: 'design' };
    spec.shapes.Tag = { type: 'structure', source: 'design', members: { Key: { target: 'NonEmptyString128', required: true }, Value: { target: 'String128' } } };

    // Act
    const constraints = specConstraints(compileOperation(spec));

    // Assert
    expect(constraints.filter((c) => c.startsWith('/Tags'))).toEqual(['/Tags#length', '/Tags/*/Key#required', '/Tags/*/Key#length', '/Tags/*/Key#pattern', '/Tags/*/Value#length']);
  });

  it('stops at a recursive shape instead of looping', () => {
    // Arrange: compileOperation cannot build JSON schemas for recursive shapes yet, so only what
    // specConstraints reads is given: the input structure and shape lookup.
    const shapes: Record<string, Shape> = {
      Input: { type: 'structure', source: 'design', members: { Tree: { target: 'Node', required: true } } },
      Node: { type: 'structure', source: 'design', members: { Label: { target: 'Label' }, Children: { target: 'NodeList' } } },
      NodeList: { type: 'list', member: 'Node', length: { max: 3 }, source: 'design' },
      Label: { type: 'string', pattern: '^[a-z]+$', source: 'design' },
    };
    const model = { name: 'Op', spec: { operation: { name: 'Op', input: 'Input' }, operations: {} }, input: shapes.Input, shape: (name: string) => shapes[name]! } as unknown as OperationModel;

    // Act
    const constraints = specConstraints(model);

    // Assert: Node's members below Tree; below Children, Node recurs and the walk stops.
    expect(constraints).toEqual(['/Tree#required', '/Tree/Label#pattern', '/Tree/Children#length']);
  });
});
