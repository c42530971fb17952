/**
 * The loader turns every broken spec into a SpecLoadError naming the file and the path of the bad entry.
 * Each case edits the text of the real spec (spec/create-proxy-session.yaml), so the cases stay valid
 * except for the one thing they break.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { SpecLoadError } from '../errors.ts';
import { defaultSpecPath, loadSpec, parseSpec } from './loadSpec.ts';

const FILE = 'specs/broken.yaml';
const realText = readFileSync(defaultSpecPath, 'utf8');

/** The real spec text with `from` (which must occur exactly once) replaced by `to`. */
function edit(from: string, to: string): string {
  const at = realText.indexOf(from);
  if (at < 0 || realText.indexOf(from, at + 1) >= 0) throw new Error(`test setup: ${JSON.stringify(from)} must occur exactly once in the spec`);
  return realText.slice(0, at) + to + realText.slice(at + from.length);
}

/** The real spec parsed to plain data, changed by `mutate`, written back as YAML. */
function restructure(mutate: (data: Record<string, any>) => void): string {
  const data = parse(realText) as Record<string, any>;
  mutate(data);
  return stringify(data);
}

/** The SpecLoadError parseSpec throws for `text`. */
function loadError(text: string): SpecLoadError {
  try {
    parseSpec(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecLoadError);
    return error as SpecLoadError;
  }
  throw new Error('expected parseSpec to throw a SpecLoadError, but the spec loaded');
}

function expectError(text: string, path: string, message: string): void {
  const error = loadError(text);
  expect({ code: error.code, file: error.file, path: error.path, message: error.message }).toEqual({
    code: 'CONFORMANCE_SPEC_INVALID',
    file: FILE,
    path,
    message: `${FILE} at ${path}: ${message}`,
  });
}

describe('loadSpec / parseSpec', () => {
  it('loads the real spec and deep-freezes it', () => {
    const spec = loadSpec();
    expect(spec.operation.name).toBe('CreateProxySession');
    expect(Object.isFrozen(spec)).toBe(true);
    expect(Object.isFrozen(spec.operation.http)).toBe(true);
    expect(Object.isFrozen(spec.operation.errors)).toBe(true);
    const request = spec.shapes.CreateProxySessionRequest;
    expect(request?.type).toBe('structure');
    if (request?.type !== 'structure') return;
    expect(Object.isFrozen(request.members.VoiceConnectorId)).toBe(true);
    const fictional = spec.shapes.E164PhoneNumber?.type === 'string' ? spec.shapes.E164PhoneNumber.fictional : undefined;
    expect(Object.isFrozen(fictional?.[0])).toBe(true);
    expect(Object.isFrozen(spec.oracle.unspecified.cases[0])).toBe(true);
    // ESM is strict mode: writing to a frozen object throws.
    expect(() => {
      (spec.operation.http as { code: number }).code = 200;
    }).toThrow(TypeError);
    expect(() => {
      (spec.operation.errors as string[]).push('X');
    }).toThrow(TypeError);
  });

  it('parses the real text the same as loadSpec reads it', () => {
    expect(parseSpec(realText, FILE)).toEqual(loadSpec());
  });

  describe('reports', () => {
    it('a YAML syntax error with its line and column', () => {
      const text = edit('  http: { method: POST, uri: "/voice-connectors/{VoiceConnectorId}/proxy-sessions"', '  http: { method: POST,, uri: "/voice-connectors/{VoiceConnectorId}/proxy-sessions"');
      const line = text.split('\n').findIndex((l) => l.includes('POST,,')) + 1;
      const column = text.split('\n')[line - 1]!.indexOf(',,') + 2;
      expectError(text, `line ${line}, column ${column}`, 'is not valid YAML: Unexpected , in flow map');
    });

    it('an unterminated quote with its line', () => {
      const text = edit("    pattern: '^$|^[A-Z]{2,2}$'", "    pattern: '^$|^[A-Z]{2,2}$");
      const error = loadError(text);
      expect(error.path).toMatch(/^line \d+, column \d+$/);
      expect(error.message).toMatch(new RegExp(`^${FILE} at line \\d+, column \\d+: is not valid YAML: Missing closing 'quote`));
    });

    it('a duplicate key', () => {
      const text = edit('  PositiveInteger:\n    type: integer\n', '  PositiveInteger:\n    type: integer\n    type: string\n');
      const lines = text.split('\n');
      const line = lines.indexOf('    type: string', lines.indexOf('  PositiveInteger:')) + 1;
      const error = loadError(text);
      expect(error.path).toBe(`line ${line}, column 5`);
      expect(error.message).toContain('Map keys must be unique');
    });

    it('an unknown top-level key', () => {
      expectError(edit('specVersion: 1\n', 'specVersion: 1\nspecVersoin: 2\n'), '/specVersoin', 'is not a known key');
    });

    it('an unknown key in a shape', () => {
      expectError(edit('  PositiveInteger:\n    type: integer\n', '  PositiveInteger:\n    type: integer\n    maximum: 720\n'), '/shapes/PositiveInteger/maximum', 'is not a known key');
    });

    it('an unknown key in a member', () => {
      expectError(
        edit('Name: { target: ProxySessionNameString }', 'Name: { target: ProxySessionNameString, optional: true }'),
        '/shapes/CreateProxySessionRequest/members/Name/optional',
        'is not a known key',
      );
    });

    it('a missing required key', () => {
      expectError(
        edit('BadRequestException: { status: 400, fault: client, source: model }', 'BadRequestException: { fault: client, source: model }'),
        '/errors/BadRequestException',
        'is missing "status"',
      );
    });

    it('a missing member target', () => {
      expectError(edit('Name: { target: ProxySessionNameString }', 'Name: { required: false }'), '/shapes/CreateProxySessionRequest/members/Name', 'is missing "target"');
    });

    it('a missing top-level section', () => {
      expectError(
        restructure((d) => {
          delete d.errorContract;
        }),
        '/',
        'is missing "errorContract"',
      );
    });

    it('a length min written as a string', () => {
      expectError(edit('length: { min: 2, max: 2 }', "length: { min: '2', max: 2 }"), '/shapes/ParticipantPhoneNumberList/length/min', 'must be integer, not string "2"');
    });

    it('an error status written as a string', () => {
      expectError(
        restructure((d) => {
          d.errors.NotFoundException.status = '404';
        }),
        '/errors/NotFoundException/status',
        'must be integer, not string "404"',
      );
    });

    it('an unknown shape type', () => {
      expectError(
        edit('  PositiveInteger:\n    type: integer\n', '  PositiveInteger:\n    type: int\n'),
        '/shapes/PositiveInteger/type',
        'must be equal to one of the allowed values: structure, list, string, integer, enum, timestamp, boolean',
      );
    });

    it('an invalid regular expression in a pattern', () => {
      expectError(
        edit("pattern: '^$|^[0-9]{3,3}$'", "pattern: '^$|^([0-9]{3,3}$'"),
        '/shapes/AreaCode/pattern',
        '"^$|^([0-9]{3,3}$" is not a valid regular expression: Invalid regular expression: /^$|^([0-9]{3,3}$/: Unterminated group',
      );
    });

    it('an invalid regular expression in a stricterPattern', () => {
      const error = loadError(edit("stricterPattern: { pattern: '([a-z0-9]{21,22}", "stricterPattern: { pattern: '([a-z0-9]{21,22}[z-a]"));
      expect(error.path).toBe('/shapes/NonEmptyString128/stricterPattern/pattern');
      expect(error.message).toMatch(/is not a valid regular expression: .*Range out of order/);
    });

    it('a \\Z anchor, which ECMAScript does not have', () => {
      expectError(edit("pattern: '^$|^[A-Z]{2,2}$'", "pattern: '^$|^[A-Z]{2,2}\\Z'"), '/shapes/Country/pattern', '"^$|^[A-Z]{2,2}\\\\Z" is not a valid regular expression: \\Z is not an ECMAScript anchor (use $)');
    });

    it('a member whose target shape does not exist', () => {
      expectError(
        edit('Name: { target: ProxySessionNameString }', 'Name: { target: ProxySessionName }'),
        '/shapes/CreateProxySessionRequest/members/Name/target',
        'shape "ProxySessionName" is not defined',
      );
    });

    it('a list whose member shape does not exist', () => {
      expectError(edit('    member: Capability\n', '    member: Capabilty\n'), '/shapes/CapabilityList/member', 'shape "Capabilty" is not defined');
    });

    it('an operation error not defined under /errors', () => {
      expectError(
        restructure((d) => {
          d.operation.errors.push('TeapotException');
        }),
        '/operation/errors/7',
        'error "TeapotException" is not defined under /errors',
      );
    });

    it('a URI label whose member is not location: label', () => {
      expectError(
        edit(
          'CreateProxySessionRequest:\n    type: structure\n    source: model\n    members:\n      VoiceConnectorId: { target: NonEmptyString128, required: true, location: label }',
          'CreateProxySessionRequest:\n    type: structure\n    source: model\n    members:\n      VoiceConnectorId: { target: NonEmptyString128, required: true }',
        ),
        '/operation/http/uri',
        'label {VoiceConnectorId} is not an input member with location: label',
      );
    });

    it('a URI label with no input member at all', () => {
      expectError(
        restructure((d) => {
          d.operation.http.uri = '/voice-connectors/{VoiceConnectorId}/regions/{Region}/proxy-sessions';
        }),
        '/operation/http/uri',
        'label {Region} is not an input member with location: label',
      );
    });

    it('a location: label member that the URI does not bind', () => {
      expectError(
        restructure((d) => {
          d.shapes.CreateProxySessionRequest.members.Name.location = 'label';
        }),
        '/shapes/CreateProxySessionRequest/members/Name/location',
        'is label, but /operation/http/uri has no {Name}',
      );
    });

    it("an unspecified case naming an operation the spec lacks, or a member its operation's input lacks", () => {
      expectError(
        edit('      - { id: default-expiry-not-positive, operation: PutVoiceConnectorProxy,', '      - { id: default-expiry-not-positive, operation: PutVoiceConnectorProxi,'),
        `/oracle/unspecified/cases/${loadSpec().oracle.unspecified.cases.findIndex((c) => c.id === 'default-expiry-not-positive')}/operation`,
        '"PutVoiceConnectorProxi" is not an operation of the spec',
      );
      expectError(
        edit('operation: PutVoiceConnectorProxy, member: DefaultSessionExpiryMinutes, below: 1', 'operation: PutVoiceConnectorProxy, member: ExpiryMinutes, below: 1'),
        `/oracle/unspecified/cases/${loadSpec().oracle.unspecified.cases.findIndex((c) => c.id === 'default-expiry-not-positive')}/member`,
        '"ExpiryMinutes" is not an input member of PutVoiceConnectorProxy',
      );
    });

    it('a provisioning operation that is not one of /operations', () => {
      expectError(edit('deleteConnector: DeleteVoiceConnector }', 'deleteConnector: RemoveVoiceConnector }'), '/lifecycle/provision/operations/deleteConnector', '"RemoveVoiceConnector" is not one of /operations');
    });

    it('an empty file', () => {
      expectError('# nothing here\n', '/', 'is empty: expected a mapping with specVersion, service, operation, ...');
    });

    it('a document that is not a mapping', () => {
      expectError('- specVersion: 1\n', '/', 'must be object, not array [{"specVersion":1}]');
    });

    it('a file that does not exist', () => {
      const missing = join(tmpdir(), 'conformance-no-such-dir', 'missing-spec.yaml');
      let caught: unknown;
      try {
        loadSpec(missing);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(SpecLoadError);
      const error = caught as SpecLoadError;
      expect({ code: error.code, file: error.file, path: error.path, message: error.message }).toEqual({
        code: 'CONFORMANCE_SPEC_INVALID',
        file: missing,
        path: '',
        message: `${missing}: cannot be read: no such file (ENOENT)`,
      });
    });

    it('with options.flag, the option that named the file comes first: --spec FILE', () => {
      const missing = join(tmpdir(), 'conformance-no-such-dir', 'missing-spec.yaml');
      expect(() => loadSpec(missing, { flag: '--spec' })).toThrow(`--spec ${missing}: cannot be read: no such file (ENOENT)`);
      expect(() => parseSpec('specVersion: 1\nbogus: 2\n', FILE, { flag: '--spec' })).toThrow(new RegExp(`^--spec ${FILE} at /`));
    });

    it('a directory, or a device, is not read', () => {
      expect(() => loadSpec(tmpdir(), { flag: '--spec' })).toThrow(`--spec ${tmpdir()}: is a directory, not a regular file`);
      expect(() => loadSpec('/dev/zero', { flag: '--spec' })).toThrow('--spec /dev/zero: is a character device, not a regular file');
    });

    it('a "billion laughs" document: bounded, with the file named', () => {
      const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n');
      expect(() => parseSpec(bomb, FILE)).toThrow(`${FILE}: cannot be read as YAML: its aliases expand more than 100 times (a "billion laughs" document?)`);
    });

    it('a huge value in a bad entry is echoed cut short', () => {
      const error = loadError(`${'x'.repeat(3_000_000)}\n`);
      expect(error.message).toMatch(/^specs\/broken\.yaml at \/: must be object, not string "x{199}… \(3000002 characters\)$/);
    });
  });

  describe("the build's cache of the bundled spec", () => {
    // Written by `npm run build` and the tests' global setup (scripts/writeSpecCache.mjs) beside the
    // compiled code, which returns it for text with the same SHA-256 instead of parsing.
    const dist = new URL('../../dist/', import.meta.url);
    const cache = JSON.parse(readFileSync(fileURLToPath(new URL('validated-spec.json', dist)), 'utf8')) as { sha256: string; spec: unknown };
    const compiled = () => import(new URL('src/spec/loadSpec.js', dist).href) as Promise<typeof import('./loadSpec.ts')>;

    it('is keyed by the text of the bundled spec and holds what parsing it gives', () => {
      expect(cache.sha256).toBe(createHash('sha256').update(realText).digest('hex'));
      expect(cache.spec).toEqual(parseSpec(realText, FILE));
    });

    it('the compiled loader returns it for that text (one frozen object), and parses any other text', async () => {
      const { parseSpec: compiledParse } = await compiled();
      const first = compiledParse(realText, FILE);
      expect(compiledParse(realText, FILE)).toBe(first);
      expect(Object.isFrozen(first.shapes)).toBe(true);
      expect(first).toEqual(parseSpec(realText, FILE));
      expect(() => compiledParse(edit('specVersion: 1', 'specVersion: 2'), FILE)).toThrow(/at \/specVersion/);
      const commented = compiledParse(`${realText}\n# a comment changes the text, not the spec\n`, FILE);
      expect(commented).not.toBe(first);
      expect(commented).toEqual(first);
    });
  });
});
