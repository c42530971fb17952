import { request as httpRequest } from 'node:http';
import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';
import { createSigner, isTransportFailure, sendRequest, type WireRequest, type WireResponse } from '../src/protocol/index.ts';
import { defaultOperation } from '../src/spec/index.ts';
import { answerOf, emulatorsClosedAfterEach, type Answer } from './_testClient.ts';
import { FAULT_DESCRIPTIONS, FAULT_NAMES, startEmulator, type RunningEmulator } from './index.ts';
import { MAX_BODY_DEPTH } from './parseBody.ts';

const model = defaultOperation();
const A = '+12065550142';
const B = '+12065550143';
const valid = { ParticipantPhoneNumbers: [A, B], Capabilities: ['Voice', 'SMS'] };

const start = emulatorsClosedAfterEach();

const answer = answerOf;

function create(emulator: RunningEmulator, body: unknown, connector = emulator.voiceConnectorId!): Promise<Answer> {
  return fetch(emulator.url + model.path({ VoiceConnectorId: connector }), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  }).then(answer);
}

function remove(emulator: RunningEmulator, sessionId: string, connector = emulator.voiceConnectorId!): Promise<Answer> {
  return fetch(emulator.url + model.path({ VoiceConnectorId: connector, ProxySessionId: sessionId }, model.cleanup), { method: 'DELETE' }).then(answer);
}

const errorType = (a: Answer) => a.headers.get(model.spec.errorContract.header);
const participants = (a: Answer): Array<{ PhoneNumber: string; ProxyPhoneNumber: string }> => a.json.ProxySession.Participants;
const key = (n: string) => n.replace(/^\+/, '');

/** The longest Name the spec's pattern admits, found by trying lengths (so the test types no limit either). */
function longestName(): number {
  const shape = model.shape(model.input.members.Name!.target);
  const pattern = new RegExp(shape.type === 'string' ? shape.pattern! : '', 'u');
  let n = 0;
  while (pattern.test('a'.repeat(n + 1))) n++;
  return n;
}

describe('CreateProxySession, unbroken emulator', () => {
  it('creates a session with the documented 201 shape', async () => {
    // Arrange
    const fixed = new Date('2026-11-27T03:00:00.000Z');
    const emulator = await start({ now: () => fixed });
    const body = { ...valid, Name: 'my session', ExpiryMinutes: 30, NumberSelectionBehavior: 'PreferSticky', GeoMatchLevel: 'Country', GeoMatchParams: { Country: 'US', AreaCode: '206' } };

    // Act
    const res = await create(emulator, body);

    // Assert
    expect(res.status).toBe(model.http.code);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(model.validateOutput(res.json)).toEqual([]);
    const session = res.json.ProxySession;
    expect(session).toMatchObject({
      VoiceConnectorId: emulator.voiceConnectorId,
      Name: 'my session',
      Status: 'Open',
      ExpiryMinutes: 30,
      Capabilities: ['Voice', 'SMS'],
      CreatedTimestamp: '2026-11-27T03:00:00.000Z',
      UpdatedTimestamp: '2026-11-27T03:00:00.000Z',
      NumberSelectionBehavior: 'PreferSticky',
      GeoMatchLevel: 'Country',
      GeoMatchParams: { Country: 'US', AreaCode: '206' },
    });
    expect(session.ProxySessionId).toMatch(/^[0-9a-f]{32}$/);
    expect(session.EndedTimestamp).toBeUndefined();
    expect(participants(res).map((p) => p.PhoneNumber)).toEqual([A, B]);
    const [first, second] = participants(res).map((p) => p.ProxyPhoneNumber);
    expect(first).not.toBe(second);
    expect(emulator.openSessions()).toBe(1);
  });

  it("omits Name when it is empty, and gives the connector's DefaultSessionExpiryMinutes when no ExpiryMinutes was sent", async () => {
    const emulator = await start();
    const res = await create(emulator, { ...valid, Name: '' });
    expect(res.status).toBe(201);
    expect(res.json.ProxySession).not.toHaveProperty('Name');
    // Spec invariant default-expiry: the preconfigured connector has spec /lifecycle/provision/proxy.
    expect(res.json.ProxySession.ExpiryMinutes).toBe(model.spec.lifecycle.provision.proxy.DefaultSessionExpiryMinutes);
  });

  it('gives every session a different id', async () => {
    const emulator = await start();
    const ids = await Promise.all(Array.from({ length: 10 }, () => create(emulator, valid).then((r) => r.json.ProxySession.ProxySessionId)));
    expect(new Set(ids).size).toBe(10);
  });

  it.each([
    ['a Name longer than its pattern admits', { ...valid, Name: 'a'.repeat(longestName() + 1) }, 'Name'],
    ['a Name with a character outside its pattern', { ...valid, Name: 'semi;colon' }, 'Name'],
    ['ExpiryMinutes below its range', { ...valid, ExpiryMinutes: 0 }, 'ExpiryMinutes'],
    ['ExpiryMinutes of the wrong JSON type', { ...valid, ExpiryMinutes: '5' }, 'ExpiryMinutes'],
    ['an unknown Capability', { ...valid, Capabilities: ['Fax'] }, 'Capabilities[0]'],
    ['one participant', { ...valid, ParticipantPhoneNumbers: [A] }, 'ParticipantPhoneNumbers'],
    ['three participants', { ...valid, ParticipantPhoneNumbers: [A, B, '+12065550144'] }, 'ParticipantPhoneNumbers'],
    ['a phone number off the E.164 pattern', { ...valid, ParticipantPhoneNumbers: [A, '+0206555'] }, 'ParticipantPhoneNumbers[1]'],
    ['missing Capabilities', { ParticipantPhoneNumbers: [A, B] }, 'Capabilities'],
    ['null Capabilities (null is absent, and it is required)', { ...valid, Capabilities: null }, 'Capabilities'],
    ['GeoMatchParams without AreaCode', { ...valid, GeoMatchParams: { Country: 'US' } }, 'GeoMatchParams.AreaCode'],
    ['an unknown NumberSelectionBehavior', { ...valid, NumberSelectionBehavior: 'Sometimes' }, 'NumberSelectionBehavior'],
  ])('rejects %s with 400 BadRequestException naming the member', async (_, body, member) => {
    const emulator = await start();
    const res = await create(emulator, body);
    expect(res.status).toBe(400);
    expect(errorType(res)).toBe('BadRequestException');
    expect(model.validateErrorBody(res.json)).toEqual([]);
    expect(res.json).toMatchObject({ Code: 'BadRequest' });
    expect(res.json.Message).toContain(member);
    expect(emulator.openSessions()).toBe(0);
  });

  it.each([
    ['an over-long VoiceConnectorId label', 'a'.repeat(129)],
    ['a whitespace-only VoiceConnectorId label', '   '],
    ['an empty VoiceConnectorId label', ''],
  ])('rejects %s with 400', async (_, connector) => {
    const emulator = await start();
    const res = await create(emulator, valid, connector);
    expect(res.status).toBe(400);
    expect(errorType(res)).toBe('BadRequestException');
  });

  it.each([
    ['malformed JSON', '{"ParticipantPhoneNumbers": ['],
    ['a JSON array', '[]'],
    ['a JSON string', '"hello"'],
    ['JSON null', 'null'],
  ])('rejects %s with 400 and the error contract', async (_, raw) => {
    const emulator = await start();
    const res = await create(emulator, raw);
    expect(res.status).toBe(400);
    expect(errorType(res)).toBe('BadRequestException');
    expect(model.validateErrorBody(res.json)).toEqual([]);
  });

  it('answers 404 NotFoundException for a valid request to an unknown connector', async () => {
    const emulator = await start();
    const res = await create(emulator, valid, 'unknown0connector0id00');
    expect(res.status).toBe(404);
    expect(errorType(res)).toBe('NotFoundException');
    expect(res.json.Code).toBe('NotFound');
  });

  it('serves every preconfigured connector, and percent-decodes labels', async () => {
    const emulator = await start({ voiceConnectorIds: ['first0connector0aaaaaa', 'with space/and slash'] });
    expect(emulator.voiceConnectorId).toBe('first0connector0aaaaaa');
    const res = await create(emulator, valid, 'with space/and slash');
    expect(res.status).toBe(201);
    expect(res.json.ProxySession.VoiceConnectorId).toBe('with space/and slash');
  });

  it('answers unknown routes and wrong methods with 404 and the error contract', async () => {
    const emulator = await start();
    for (const [method, path] of [['GET', '/nothing'], ['PATCH', model.path({ VoiceConnectorId: emulator.voiceConnectorId! })], ['PUT', '/'], ['GET', '/_conformance/clock']]) {
      const res = await fetch(emulator.url + path!, { method }).then(answer);
      expect(res.status).toBe(404);
      expect(errorType(res)).toBe('NotFoundException');
      expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('puts a fresh request id on every response', async () => {
    const emulator = await start();
    const ok = await create(emulator, valid);
    const bad = await create(emulator, {});
    const ids = [ok, bad].map((r) => r.headers.get(model.spec.errorContract.requestIdHeader));
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(ids[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });
});

describe('unspecified inputs', () => {
  it.each([
    ['empty Capabilities', { ...valid, Capabilities: [] }, 400],
    ['duplicate Capabilities', { ...valid, Capabilities: ['Voice', 'Voice'] }, 201],
    ['ExpiryMinutes above the documented threshold', { ...valid, ExpiryMinutes: (model.unspecified['expiry-above-720']?.above ?? 0) + 1 }, 201],
    ['identical participants up to a leading +', { ...valid, ParticipantPhoneNumbers: [A, key(A)] }, 400],
    ['empty GeoMatchParams strings', { ...valid, GeoMatchParams: { Country: '', AreaCode: '' } }, 201],
    ['null optional members', { ...valid, Name: null, ExpiryMinutes: null }, 201],
  ])('answers %s with %i by default', async (_, body, status) => {
    const emulator = await start();
    const res = await create(emulator, body);
    expect(res.status).toBe(status);
    if (status === 201) expect(model.validateOutput(res.json)).toEqual([]);
    else expect(errorType(res)).toBe('BadRequestException');
  });

  it('de-duplicates duplicate Capabilities', async () => {
    const emulator = await start();
    const res = await create(emulator, { ...valid, Capabilities: ['SMS', 'Voice', 'SMS'] });
    expect(res.json.ProxySession.Capabilities).toEqual(['SMS', 'Voice']);
  });

  it('looks up a connector off the botocore pattern like any other (404 when unknown)', async () => {
    const emulator = await start();
    const res = await create(emulator, valid, 'Not_Botocore');
    expect(res.status).toBe(404);
  });

  it('flips to accepting with variant unspecified: accept', async () => {
    const emulator = await start({ variant: { unspecified: 'accept' } });
    expect((await create(emulator, { ...valid, Capabilities: [] })).status).toBe(201);
    const same = await create(emulator, { ...valid, ParticipantPhoneNumbers: [A, A] });
    expect(same.status).toBe(201);
    expect(participants(same).every((p) => key(p.ProxyPhoneNumber) !== key(A))).toBe(true);
  });

  it('flips to rejecting with variant unspecified: reject', async () => {
    const emulator = await start({ variant: { unspecified: 'reject' } });
    for (const body of [{ ...valid, Capabilities: ['Voice', 'Voice'] }, { ...valid, ExpiryMinutes: 100_000 }, { ...valid, Name: null }]) {
      const res = await create(emulator, body);
      expect(res.status).toBe(400);
      expect(errorType(res)).toBe('BadRequestException');
    }
    expect((await create(emulator, valid, 'Not_Botocore')).status).toBe(400);
    expect((await create(emulator, valid)).status).toBe(201);
  });
});

describe('DeleteProxySession', () => {
  it('answers 204 with no body, frees the session, then 404', async () => {
    const emulator = await start();
    const id = (await create(emulator, valid)).json.ProxySession.ProxySessionId as string;
    const first = await remove(emulator, id);
    expect(first.status).toBe(model.cleanup.code);
    expect(first.text).toBe('');
    expect(first.headers.get('x-amzn-requestid')).toBeTruthy();
    expect(emulator.openSessions()).toBe(0);
    const second = await remove(emulator, id);
    expect(second.status).toBe(404);
    expect(errorType(second)).toBe('NotFoundException');
  });

  it('answers 404 for a session on an unknown connector', async () => {
    const emulator = await start();
    const id = (await create(emulator, valid)).json.ProxySession.ProxySessionId as string;
    expect((await remove(emulator, id, 'other0connector0aaaaaa')).status).toBe(404);
    expect(emulator.openSessions()).toBe(1);
  });
});

describe('proxy numbers', () => {
  it('never gives a participant its own number, even when it is a pool number', async () => {
    const emulator = await start();
    // The first numbers of the spec-derived pool are fictional 555-01xx numbers, like these.
    for (const numbers of [['+12005550100', '+12005550101'], ['12005550102', '+12005550103']]) {
      const res = await create(emulator, { ...valid, ParticipantPhoneNumbers: numbers });
      expect(res.status).toBe(201);
      const own = numbers.map(key);
      for (const p of participants(res)) expect(own).not.toContain(key(p.ProxyPhoneNumber));
    }
  });

  it('gives a participant in 20 concurrent open sessions 20 distinct proxy numbers', async () => {
    const emulator = await start();
    const partners = Array.from({ length: 20 }, (_, i) => `+1206555${String(150 + i).padStart(4, '0')}`);
    const answers = await Promise.all(partners.map((partner) => create(emulator, { ...valid, ParticipantPhoneNumbers: [A, partner] })));
    const proxiesOfA = answers.map((res) => {
      expect(res.status).toBe(201);
      const mine = participants(res).find((p) => p.PhoneNumber === A)!;
      expect(model.validateOutput(res.json)).toEqual([]);
      return mine.ProxyPhoneNumber;
    });
    expect(new Set(proxiesOfA).size).toBe(20);
    expect(emulator.openSessions()).toBe(20);
  });

  it('answers 503 when the pool is exhausted, and recovers after a delete', async () => {
    const emulator = await start({ proxyPoolSize: 3 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await create(emulator, { ...valid, ParticipantPhoneNumbers: [A, `+1206555017${i}`] });
      expect(res.status).toBe(201);
      ids.push(res.json.ProxySession.ProxySessionId);
    }
    const exhausted = await create(emulator, { ...valid, ParticipantPhoneNumbers: [A, '+12065550179'] });
    expect(exhausted.status).toBe(503);
    expect(errorType(exhausted)).toBe('ServiceUnavailableException');
    expect((await remove(emulator, ids[0]!)).status).toBe(204);
    expect((await create(emulator, { ...valid, ParticipantPhoneNumbers: [A, '+12065550179'] })).status).toBe(201);
  });
});

describe('a create that fails after its session was stored', () => {
  it('leaves no session behind: none listed, its proxy numbers free again', async () => {
    // A clock that cannot be rendered makes the answer fail after the session was stored, as the clock
    // control once could; every number of a pool of 2 is then needed again for two sessions of one pair.
    let broken = true;
    const emulator = await start({ now: () => (broken ? new Date(Number.NaN) : new Date('2026-11-27T03:00:00.000Z')), proxyPoolSize: 2 });
    expect((await create(emulator, valid)).status).toBe(500);
    broken = false;
    expect(emulator.openSessions()).toBe(0);
    const listed = await fetch(emulator.url + model.operation('ListProxySessions').path({ VoiceConnectorId: emulator.voiceConnectorId! })).then(answer);
    expect(listed.status).toBe(200);
    expect(listed.json.ProxySessions).toEqual([]);
    for (let i = 0; i < 2; i++) expect((await create(emulator, valid)).status).toBe(201);
  });
});

describe('transport', () => {
  it('rejects a body over maxBodyBytes with 400 and keeps the connection usable', async () => {
    const emulator = await start({ maxBodyBytes: 1024 });
    const dispatcher = new Agent({ connections: 1 });
    try {
      const url = emulator.url + model.path({ VoiceConnectorId: emulator.voiceConnectorId! });
      const big = JSON.stringify({ ...valid, Name: 'x'.repeat(4096) });
      const tooLarge = await request(url, { method: 'POST', body: big, dispatcher });
      const tooLargeBody = (await tooLarge.body.json()) as { Code: string };
      expect(tooLarge.statusCode).toBe(400);
      expect(tooLarge.headers['x-amzn-errortype']).toBe('BadRequestException');
      expect(tooLargeBody.Code).toBe('BadRequest');
      const ok = await request(url, { method: 'POST', body: JSON.stringify(valid), dispatcher });
      await ok.body.text();
      expect(ok.statusCode).toBe(201);
    } finally {
      await dispatcher.close();
    }
  });

  it('refuses an over-long declared body before it is sent (the limit is enforced while streaming)', async () => {
    const emulator = await start();
    const { hostname, port } = new URL(emulator.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: hostname, port, method: 'POST', path: model.path({ VoiceConnectorId: emulator.voiceConnectorId! }), headers: { 'content-length': String(50 * 1024 * 1024) } });
      req.on('response', (res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('{'); // never finish the 50 MiB body
    });
    expect(status).toBe(400);
  });

  it('answers a body nested deeper than MAX_BODY_DEPTH 400 BadRequestException, however deep within the size limit; one at the limit is read', async () => {
    const emulator = await start();
    const objects = (depth: number) => `${'{"a":'.repeat(depth)}null${'}'.repeat(depth)}`;
    // The body itself is the first level, so a member's value may nest one level less than the limit.
    const withMember = (value: string) => JSON.stringify({ ...valid, Extra: 0 }).replace(/0}$/, `${value}}`);
    // 4,000 objects (24 KB) once overflowed the stack and were answered 500.
    for (const body of [objects(4_000), withMember(objects(10_000)), `${'['.repeat(30_000)}${']'.repeat(30_000)}`, withMember(objects(MAX_BODY_DEPTH))]) {
      const a = await create(emulator, body);
      expect(a.status).toBe(400);
      expect(errorType(a)).toBe('BadRequestException');
      expect(model.validateErrorBody(a.json)).toEqual([]);
      expect(a.json.Message).toContain(`more than ${MAX_BODY_DEPTH} levels deep`);
    }
    expect((await create(emulator, withMember(objects(MAX_BODY_DEPTH - 1)))).status).toBe(201);
    expect(emulator.openSessions()).toBe(1);
  });

  it('refuses a chunked body as soon as it crosses the limit', async () => {
    const emulator = await start({ maxBodyBytes: 100 });
    const { hostname, port } = new URL(emulator.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: hostname, port, method: 'POST', path: model.path({ VoiceConnectorId: emulator.voiceConnectorId! }) });
      req.on('response', (res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write(' '.repeat(80));
      setTimeout(() => req.write(' '.repeat(80)), 20); // crosses 100 bytes; the request is never ended
    });
    expect(status).toBe(400);
  });
});

describe('variants', () => {
  it('idFormat uuid and short', async () => {
    const uuid = await start({ variant: { idFormat: 'uuid' } });
    expect((await create(uuid, valid)).json.ProxySession.ProxySessionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const short = await start({ variant: { idFormat: 'short' } });
    const ids = [(await create(short, valid)).json.ProxySession.ProxySessionId, (await create(short, valid)).json.ProxySession.ProxySessionId];
    expect(ids[0].length).toBeLessThan(16);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('timestamps offset-no-millis renders the same instant with an offset', async () => {
    const emulator = await start({ now: () => new Date('2026-11-27T03:00:00.000Z'), variant: { timestamps: 'offset-no-millis' } });
    const session = (await create(emulator, valid)).json.ProxySession;
    expect(session.CreatedTimestamp).toBe('2026-11-27T05:00:00+02:00');
    expect(Date.parse(session.CreatedTimestamp)).toBe(Date.parse('2026-11-27T03:00:00.000Z'));
  });

  it('reverseParticipants, reverseCapabilities, plusPrefix, defaultExpiryMinutes, extraMembers', async () => {
    const emulator = await start({ variant: { reverseParticipants: true, reverseCapabilities: true, plusPrefix: true, defaultExpiryMinutes: 60, extraMembers: true } });
    const res = await create(emulator, { ...valid, ParticipantPhoneNumbers: [A, key(B)] });
    expect(res.status).toBe(201);
    expect(model.validateOutput(res.json)).toEqual([]);
    expect(participants(res).map((p) => p.PhoneNumber)).toEqual([B, A]);
    expect(res.json.ProxySession.Capabilities).toEqual(['SMS', 'Voice']);
    expect(res.json.ProxySession.ExpiryMinutes).toBe(60);
    expect(Object.keys(res.json).length).toBeGreaterThan(1);
    expect(Object.keys(res.json.ProxySession).some((k) => !(k in (model.shape('ProxySession') as { members: object }).members))).toBe(true);
  });

  it('sameProxyForBoth shares one number per session, still distinct per participant across sessions', async () => {
    const emulator = await start({ variant: { sameProxyForBoth: true } });
    const first = participants(await create(emulator, valid)).map((p) => p.ProxyPhoneNumber);
    const second = participants(await create(emulator, { ...valid, ParticipantPhoneNumbers: [A, '+12065550199'] })).map((p) => p.ProxyPhoneNumber);
    expect(first[0]).toBe(first[1]);
    expect(second[0]).toBe(second[1]);
    expect(second[0]).not.toBe(first[0]);
  });

  it('errorTypeSuffix sends the Coral form of the error type', async () => {
    const emulator = await start({ variant: { errorTypeSuffix: true } });
    expect(errorType(await create(emulator, {}))).toBe('BadRequestException:http://internal.amazon.com/coral/com.amazonaws.chime/');
  });
});

describe('faults', () => {
  it('lists a description for every fault and refuses unknown names', async () => {
    expect(FAULT_NAMES.length).toBeGreaterThan(30);
    for (const name of FAULT_NAMES) expect(FAULT_DESCRIPTIONS[name]).toMatch(/\S/);
    await expect(startEmulator({ faults: ['no-such-fault' as never] })).rejects.toThrow(/unknown emulator fault/);
  });

  it('every fault starts', async () => {
    for (const fault of FAULT_NAMES) {
      const emulator = await start({ faults: [fault] });
      expect((await create(emulator, { ...valid, Name: 'ok' })).status).toBeGreaterThan(0);
      await emulator.close();
    }
  }, 30_000);

  it('accept-name-too-long accepts a Name longer than the pattern admits', async () => {
    const emulator = await start({ faults: ['accept-name-too-long'] });
    expect((await create(emulator, { ...valid, Name: 'a'.repeat(longestName() + 1) })).status).toBe(201);
  });

  it('reject-longest-name rejects exactly the longest Name, not one shorter', async () => {
    const emulator = await start({ faults: ['reject-longest-name'] });
    expect((await create(emulator, { ...valid, Name: 'a'.repeat(longestName()) })).status).toBe(400);
    expect((await create(emulator, { ...valid, Name: 'a'.repeat(longestName() - 1) })).status).toBe(201);
  });

  it('accept-long-label creates on the default connector, and the session can be deleted', async () => {
    const emulator = await start({ faults: ['accept-long-label'] });
    const long = 'a'.repeat(200);
    const res = await create(emulator, valid, long);
    expect(res.status).toBe(201);
    expect((await remove(emulator, res.json.ProxySession.ProxySessionId, long)).status).toBe(204);
  });

  it('success-200, epoch-timestamps, status-in-progress, ended-timestamp change the success response', async () => {
    const emulator = await start({ faults: ['success-200', 'epoch-timestamps', 'status-in-progress', 'ended-timestamp'] });
    const res = await create(emulator, valid);
    expect(res.status).toBe(200);
    expect(typeof res.json.ProxySession.CreatedTimestamp).toBe('number');
    expect(res.json.ProxySession.Status).toBe('InProgress');
    expect(res.json.ProxySession.EndedTimestamp).toBeDefined();
  });

  it('name-not-echoed alters even a palindrome', async () => {
    const emulator = await start({ faults: ['name-not-echoed'] });
    expect((await create(emulator, { ...valid, Name: 'abc' })).json.ProxySession.Name).toBe('cba');
    expect((await create(emulator, { ...valid, Name: 'aba' })).json.ProxySession.Name).not.toBe('aba');
  });

  it('reuse-proxy-number gives a participant the same number in every session', async () => {
    const emulator = await start({ faults: ['reuse-proxy-number'] });
    const proxies = new Set<string>();
    for (const partner of ['+12065550160', '+12065550161', '+12065550162']) {
      const res = await create(emulator, { ...valid, ParticipantPhoneNumbers: [A, partner] });
      proxies.add(participants(res).find((p) => p.PhoneNumber === A)!.ProxyPhoneNumber);
    }
    expect(proxies.size).toBe(1);
  });

  it('proxy-is-participant and constant-session-id', async () => {
    const emulator = await start({ faults: ['proxy-is-participant', 'constant-session-id'] });
    const one = await create(emulator, valid);
    const two = await create(emulator, valid);
    expect(key(participants(one)[0]!.ProxyPhoneNumber)).toBe(key(A));
    expect(one.json.ProxySession.ProxySessionId).toBe(two.json.ProxySession.ProxySessionId);
  });

  it('error faults corrupt the error contract', async () => {
    const wrongType = await start({ faults: ['wrong-error-type', 'error-status-mismatch', 'bad-error-code-member'] });
    const res = await create(wrongType, {});
    expect(res.status).toBe(422);
    expect(errorType(res)).toBe('ValidationException');
    expect(res.json.Code).toBe('Banana');
    const plain = await start({ faults: ['non-json-error-body', 'no-error-type-header'] });
    const text = await create(plain, {});
    expect(text.headers.get('content-type')).toBe('text/plain');
    expect(text.text).toBe('Bad Request');
    expect(errorType(text)).toBeNull();
  });

  it('server-error-on-invalid and server-error-on-unspecified answer 500', async () => {
    const emulator = await start({ faults: ['server-error-on-invalid', 'server-error-on-unspecified'] });
    expect((await create(emulator, {})).status).toBe(500);
    expect((await create(emulator, { ...valid, Capabilities: [] })).status).toBe(500);
    expect((await create(emulator, { ...valid, ExpiryMinutes: 100_000 })).status).toBe(500);
    expect((await create(emulator, valid)).status).toBe(201);
  });

  it('unknown-connector-201 creates, unknown-connector-400 rejects', async () => {
    expect((await create(await start({ faults: ['unknown-connector-201'] }), valid, 'unknown0connector0id00')).status).toBe(201);
    const bad = await create(await start({ faults: ['unknown-connector-400'] }), valid, 'unknown0connector0id00');
    expect(bad.status).toBe(400);
    expect(errorType(bad)).toBe('BadRequestException');
  });

  it('reset-on-invalid destroys the connection', async () => {
    const emulator = await start({ faults: ['reset-on-invalid'] });
    await expect(create(emulator, {})).rejects.toThrow();
    expect((await create(emulator, valid)).status).toBe(201);
  });

  it('huge-success-body sends more than 2 MiB', async () => {
    const emulator = await start({ faults: ['huge-success-body'] });
    const res = await create(emulator, valid);
    expect(res.text.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(res.json.ProxySession.Status).toBe('Open');
  });

  it('hang-on-invalid never answers, and close() still resolves within a second', async () => {
    // Arrange
    const emulator = await startEmulator({ faults: ['hang-on-invalid'] });
    const pending = create(emulator, {});
    const outcome = pending.then(
      () => 'answered',
      () => 'failed',
    );
    const early = await Promise.race([outcome, new Promise((r) => setTimeout(() => r('pending'), 300))]);

    // Act
    const started = performance.now();
    await emulator.close();
    const elapsed = performance.now() - started;

    // Assert
    expect(early).toBe('pending');
    expect(elapsed).toBeLessThan(1000);
    expect(await outcome).toBe('failed');
  });
});

describe('throttling faults', () => {
  it('throttle-third throttles exactly every third request, alternating 429 (Retry-After: 0) and 503, before validation', async () => {
    // Arrange
    const emulator = await start({ faults: ['throttle-third'] });
    // Invalid bodies, unknown routes and deletes count too: the fault answers before anything looks at them.
    const named = (name: string) => () => create(emulator, { ...valid, Name: name });
    const requests = [
      named('a'),
      () => create(emulator, {}),
      () => create(emulator, {}),
      () => fetch(`${emulator.url}/nothing`).then(answer),
      () => remove(emulator, 'no-such-session'),
      ...['b', 'c', 'd', 'e', 'f', 'g', 'h'].map(named),
    ];

    // Act
    const answers: Answer[] = [];
    for (const send of requests) answers.push(await send());

    // Assert
    expect(answers.map((a) => a.status)).toEqual([201, 400, 429, 404, 404, 503, 201, 201, 429, 201, 201, 503]);
    for (const a of answers.filter((r) => r.status === 429)) {
      expect(errorType(a)).toBe('ThrottledClientException');
      expect(a.headers.get('retry-after')).toBe('0');
      expect(model.validateErrorBody(a.json)).toEqual([]);
      expect(a.json.Code).toBe('Throttled');
    }
    for (const a of answers.filter((r) => r.status === 503)) {
      expect(errorType(a)).toBe('ServiceUnavailableException');
      expect(a.headers.get('retry-after')).toBeNull();
      expect(model.validateErrorBody(a.json)).toEqual([]);
    }
    // The throttled creates changed nothing: only the four answered 201 made a session.
    expect(emulator.openSessions()).toBe(5);
  });

  it('throttle-third lets the retry (or a twin) of a throttled request through and throttles the next new request instead', async () => {
    const emulator = await start({ faults: ['throttle-third'] });
    const named = (name: string) => ({ ...valid, Name: name });
    const statuses: number[] = [];
    // The third is throttled; the same request comes back on the sixth (a retry, as a concurrent client's can).
    // A twin of a throttled request (the same body from another case) is let through as well, and does not
    // use up the retry's pass: the ninth, the third's twin again, is let through too.
    for (const name of ['a', 'b', 'c', 'd', 'e', 'c', 'f', 'g', 'c', 'h']) statuses.push((await create(emulator, named(name))).status);
    expect(statuses).toEqual([201, 201, 429, 201, 201, 201, 503, 201, 201, 429]);
  });

  it('throttle-always answers every create 429 and nothing else', async () => {
    const emulator = await start({ faults: ['throttle-always'] });
    for (const body of [valid, valid, {}, valid]) {
      const res = await create(emulator, body);
      expect(res.status).toBe(429);
      expect(errorType(res)).toBe('ThrottledClientException');
    }
    expect((await remove(emulator, 'no-such-session')).status).toBe(404);
    expect(emulator.openSessions()).toBe(0);
  });
});

describe('signatures', () => {
  const credentials = { accessKeyId: 'AKIDCONFORMANCE0001', secretAccessKey: 'emulator-test-secret' };
  const temporary = { accessKeyId: 'ASIACONFORMANCE0002', secretAccessKey: 'emulator-temp-secret', sessionToken: 'emulator-session-token' };
  const signatures = { credentials: [credentials, temporary], region: 'us-east-1' };

  async function signedSend(request: WireRequest, as: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | null = credentials, region = 'us-east-1'): Promise<WireResponse> {
    const wire = as ? await createSigner({ service: model.spec.service.signingName, region, credentials: async () => as })(request) : request;
    const res = await sendRequest(wire, { timeoutMs: 5_000, maxBodyBytes: 1024 * 1024 });
    if (isTransportFailure(res)) throw new Error(res.message);
    return res;
  }

  const createRequest = (emulator: RunningEmulator, body: unknown = valid, connector = emulator.voiceConnectorId!): WireRequest => ({
    method: 'POST',
    url: emulator.url + model.path({ VoiceConnectorId: connector }),
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  /** A 401 or 403 with the error contract: x-amzn-ErrorType and a JSON {Code, Message} body. */
  function expectAuthError(res: WireResponse, status: 401 | 403, message: RegExp): void {
    expect(res.status).toBe(status);
    expect(res.headers[model.spec.errorContract.header.toLowerCase()]).toBe(status === 401 ? 'UnauthorizedClientException' : 'ForbiddenException');
    expect(res.headers['content-type']).toBe('application/json');
    expect(model.validateErrorBody(res.json)).toEqual([]);
    expect(res.json).toMatchObject({ Code: status === 401 ? 'Unauthorized' : 'Forbidden', Message: expect.stringMatching(message) });
    for (const secret of [credentials.secretAccessKey, temporary.secretAccessKey, temporary.sessionToken]) expect(res.bodyText).not.toContain(secret);
    expect(res.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
  }

  it('are off by default: an unsigned request is served', async () => {
    const emulator = await start();
    expect((await signedSend(createRequest(emulator), null)).status).toBe(201);
  });

  it('accept a valid signed create (201) and delete (204), temporary credentials and a percent-encoded label', async () => {
    const emulator = await start({ signatures, voiceConnectorIds: ['conformance0reference1', 'with space/and slash'] });
    const created = await signedSend(createRequest(emulator));
    expect(created.status).toBe(201);
    const id = (created.json as { ProxySession: { ProxySessionId: string } }).ProxySession.ProxySessionId;
    const deleted = await signedSend({ method: 'DELETE', url: emulator.url + model.path({ VoiceConnectorId: emulator.voiceConnectorId!, ProxySessionId: id }, model.cleanup), headers: {} });
    expect(deleted.status).toBe(204);
    expect((await signedSend(createRequest(emulator), temporary)).status).toBe(201);
    expect((await signedSend(createRequest(emulator, valid, 'with space/and slash'))).status).toBe(201);
    // Signed but wrong in content: the usual answers, after the signature passed.
    expect((await signedSend(createRequest(emulator, {}))).status).toBe(400);
    expect((await signedSend({ method: 'GET', url: `${emulator.url}/nothing`, headers: {} })).status).toBe(404);
  });

  it('answer an unsigned request 401 UnauthorizedClientException, on every route, before validation', async () => {
    const emulator = await start({ signatures });
    const res = await signedSend(createRequest(emulator), null);
    expectAuthError(res, 401, /no Authorization header/);
    expect(res.headers['www-authenticate']).toBe('AWS4-HMAC-SHA256');
    expectAuthError(await signedSend(createRequest(emulator, {}), null), 401, /no Authorization header/);
    expectAuthError(await signedSend({ method: 'GET', url: `${emulator.url}/nothing`, headers: {} }, null), 401, /no Authorization header/);
    expect(emulator.openSessions()).toBe(0);
  });

  it('answer bad signatures 403 ForbiddenException saying what was wrong', async () => {
    const emulator = await start({ signatures });
    expectAuthError(await signedSend(createRequest(emulator), { ...credentials, secretAccessKey: 'wrong-secret' }), 403, /signature we calculated does not match/);
    expectAuthError(await signedSend(createRequest(emulator), { accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'x' }), 403, /AKIDUNKNOWN is not one of/);
    expectAuthError(await signedSend(createRequest(emulator), credentials, 'eu-west-1'), 403, /'eu-west-1'.*'us-east-1'/);
    expectAuthError(await signedSend(createRequest(emulator), { ...temporary, sessionToken: 'other-token' }), 403, /X-Amz-Security-Token/);
    // Tampered after signing: the body no longer matches X-Amz-Content-Sha256.
    const signed = await createSigner({ service: model.spec.service.signingName, region: 'us-east-1', credentials: async () => credentials })(createRequest(emulator));
    const tampered = await sendRequest({ ...signed, body: JSON.stringify({ ...valid, Name: 'changed' }) }, { timeoutMs: 5_000, maxBodyBytes: 1024 * 1024 });
    expectAuthError(tampered as WireResponse, 403, /X-Amz-Content-Sha256/);
    expect(emulator.openSessions()).toBe(0);
  });

  it("judge X-Amz-Date by the emulator's clock", async () => {
    const emulator = await start({ signatures: { ...signatures, maxSkewSeconds: 60 }, now: () => new Date(Date.now() + 3_600_000) });
    expectAuthError(await signedSend(createRequest(emulator)), 403, /^Signature expired: X-Amz-Date \d{8}T\d{6}Z is more than 60 s from the server time/);
  });

  it('refuse unusable settings at start-up', async () => {
    await expect(startEmulator({ signatures: { credentials: [] } })).rejects.toThrow(/at least one/);
    await expect(startEmulator({ signatures: { credentials: [credentials, credentials] } })).rejects.toThrow(/twice/);
    await expect(startEmulator({ signatures: { credentials: [{ ...credentials, secretAccessKey: '' }] } })).rejects.toThrow(/secretAccessKey/);
    await expect(startEmulator({ signatures: { credentials: [credentials], maxSkewSeconds: -1 } })).rejects.toThrow(/maxSkewSeconds/);
  });
});

describe('close()', () => {
  it('resolves with idle keep-alive connections open, and is idempotent', async () => {
    const emulator = await startEmulator();
    await create(emulator, valid);
    const started = performance.now();
    await emulator.close();
    await emulator.close();
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
