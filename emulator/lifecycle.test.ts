import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { advanceClock, buildRequest, CLOCK_CONTROL_PATH, createSigner, isTransportFailure, readClock, sendRequest, setClockOffset } from '../src/protocol/index.ts';
import { defaultOperation } from '../src/spec/index.ts';
import { callOperation, emulatorsClosedAfterEach, type Answer, type CallInput } from './_testClient.ts';
import { type EmulatorOptions, type RunningEmulator } from './index.ts';

const model = defaultOperation();
const op = (name: string) => model.operation(name);
const A = '+12065550142';
const B = '+12065550143';
const valid = { ParticipantPhoneNumbers: [A, B], Capabilities: ['Voice', 'SMS'] };
const T0 = new Date('2026-11-27T03:00:00.000Z');
const expired = model.spec.lifecycle.expired;

const startClosedAfterEach = emulatorsClosedAfterEach();
const start = (options: EmulatorOptions = {}): Promise<RunningEmulator> => startClosedAfterEach({ now: () => T0, clockControl: true, ...options });

const call = (e: RunningEmulator, name: string, input?: CallInput) => callOperation(e, name, input);
const create = (e: RunningEmulator, body: unknown = valid) => call(e, 'CreateProxySession', { body });
const session = (e: RunningEmulator, id: string) => ({ labels: { VoiceConnectorId: e.voiceConnectorId!, ProxySessionId: id } });
const get = (e: RunningEmulator, id: string) => call(e, 'GetProxySession', session(e, id));
const update = (e: RunningEmulator, id: string, body: unknown) => call(e, 'UpdateProxySession', { ...session(e, id), body });
const remove = (e: RunningEmulator, id: string) => call(e, 'DeleteProxySession', session(e, id));
const list = (e: RunningEmulator, query: Record<string, string> = {}) => call(e, 'ListProxySessions', { query });
const errorType = (a: Answer) => a.headers.get(model.spec.errorContract.header);
const idOf = (a: Answer): string => a.json.ProxySession.ProxySessionId;

function expectError(a: Answer, status: number, name: string): void {
  expect(a.status).toBe(status);
  expect(errorType(a)).toBe(name);
  expect(model.validateErrorBody(a.json)).toEqual([]);
  expect(a.headers.get(model.spec.errorContract.requestIdHeader)).toBeTruthy();
}

/** Checks that every timestamp of an answered session is an RFC 3339 date-time (a four-digit year), and hands the answer on. */
function expectDateTimes(a: Answer): Answer {
  expect(a.status, a.text).toBeLessThan(300);
  const stamps = Object.entries(a.json.ProxySession).filter(([member]) => member.endsWith('Timestamp'));
  expect(stamps.length).toBeGreaterThanOrEqual(2);
  for (const [, stamp] of stamps) expect(stamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  return a;
}

/** Follows NextToken through every page, running `between` after each page but the last. */
async function allPages(e: RunningEmulator, query: Record<string, string>, between: (page: number) => Promise<void> = async () => {}): Promise<string[][]> {
  const pages: string[][] = [];
  let token: string | undefined;
  do {
    const res = await list(e, { ...query, ...(token ? { 'next-token': token } : {}) });
    expect(res.status).toBe(op('ListProxySessions').http.code);
    expect(op('ListProxySessions').validateOutput(res.json)).toEqual([]);
    pages.push(res.json.ProxySessions.map((s: { ProxySessionId: string }) => s.ProxySessionId));
    token = res.json.NextToken;
    if (token !== undefined) await between(pages.length);
  } while (token !== undefined && pages.length < 50);
  return pages;
}

describe('GetProxySession', () => {
  it('answers the session Create answered', async () => {
    // Arrange
    const emulator = await start();
    const created = await create(emulator, { ...valid, Name: 'read me', ExpiryMinutes: 30, GeoMatchLevel: 'Country', GeoMatchParams: { Country: 'US', AreaCode: '206' } });

    // Act
    const res = await get(emulator, idOf(created));

    // Assert
    expect(res.status).toBe(op('GetProxySession').http.code);
    expect(op('GetProxySession').validateOutput(res.json)).toEqual([]);
    expect(res.json).toEqual(created.json);
  });

  it('answers an unknown session or connector with the unknownProxySession error', async () => {
    const emulator = await start();
    const id = idOf(await create(emulator));
    const { status, error } = model.spec.oracle.unknownProxySession;
    expectError(await get(emulator, 'no0such0session'), status, error);
    expectError(await call(emulator, 'GetProxySession', { labels: { VoiceConnectorId: 'other0connector0aaaaaa', ProxySessionId: id } }), status, error);
  });

  it('rejects an invalid label with 400', async () => {
    const emulator = await start();
    expectError(await get(emulator, 'x'.repeat(129)), 400, 'BadRequestException');
  });
});

describe('UpdateProxySession', () => {
  it('sets Capabilities (de-duplicated) and ExpiryMinutes, and moves UpdatedTimestamp', async () => {
    // Arrange
    const emulator = await start();
    const id = idOf(await create(emulator, { ...valid, ExpiryMinutes: 30 }));
    await advanceClock(emulator.url, 30, 5_000);

    // Act
    const res = await update(emulator, id, { Capabilities: ['SMS', 'SMS'], ExpiryMinutes: 45 });

    // Assert
    expect(res.status).toBe(op('UpdateProxySession').http.code);
    expect(op('UpdateProxySession').validateOutput(res.json)).toEqual([]);
    expect(res.json.ProxySession).toMatchObject({ ProxySessionId: id, Capabilities: ['SMS'], ExpiryMinutes: 45, Status: 'Open', CreatedTimestamp: T0.toISOString() });
    expect(res.json.ProxySession.UpdatedTimestamp).toBe(new Date(T0.getTime() + 30_000).toISOString());
    expect((await get(emulator, id)).json).toEqual(res.json);
  });

  it('keeps ExpiryMinutes when none is sent', async () => {
    const emulator = await start();
    const id = idOf(await create(emulator, { ...valid, ExpiryMinutes: 30 }));
    expect((await update(emulator, id, { Capabilities: ['Voice'] })).json.ProxySession.ExpiryMinutes).toBe(30);
  });

  it('rejects missing Capabilities, unknown sessions and closed sessions', async () => {
    const emulator = await start();
    const id = idOf(await create(emulator, { ...valid, ExpiryMinutes: 1 }));
    const missing = await update(emulator, id, { ExpiryMinutes: 5 });
    expectError(missing, 400, 'BadRequestException');
    expect(missing.json.Message).toContain('Capabilities');
    expectError(await update(emulator, 'no0such0session', { Capabilities: ['Voice'] }), 404, 'NotFoundException');
    await advanceClock(emulator.url, 61, 5_000);
    const closed = await update(emulator, id, { Capabilities: ['Voice'] });
    expectError(closed, 400, 'BadRequestException');
    expect(closed.json.Message).toMatch(/Closed/);
  });

  it('counts ExpiryMinutes from creation: a shorter one that has already passed closes the session at the update', async () => {
    // Arrange
    const emulator = await start();
    const id = idOf(await create(emulator, { ...valid, ExpiryMinutes: 10 }));
    await advanceClock(emulator.url, 5 * 60, 5_000);

    // Act
    const res = await update(emulator, id, { Capabilities: ['Voice'], ExpiryMinutes: 3 });

    // Assert
    const updatedAt = new Date(T0.getTime() + 5 * 60_000).toISOString();
    expect(res.status).toBe(201);
    expect(res.json.ProxySession).toMatchObject({ Status: expired.status, UpdatedTimestamp: updatedAt, [expired.endedMember]: updatedAt, ExpiryMinutes: 3 });
  });

  it('counts a longer ExpiryMinutes from creation too', async () => {
    const emulator = await start();
    const id = idOf(await create(emulator, { ...valid, ExpiryMinutes: 10 }));
    await advanceClock(emulator.url, 5 * 60, 5_000);
    await update(emulator, id, { Capabilities: ['Voice'], ExpiryMinutes: 20 });
    await advanceClock(emulator.url, 10 * 60, 5_000);
    expect((await get(emulator, id)).json.ProxySession.Status).toBe('Open');
    await advanceClock(emulator.url, 5 * 60, 5_000);
    expect((await get(emulator, id)).json.ProxySession).toMatchObject({ Status: expired.status, [expired.endedMember]: new Date(T0.getTime() + 20 * 60_000).toISOString() });
  });
});

describe('DeleteProxySession', () => {
  it('removes the session: Get, Update and Delete then answer 404', async () => {
    const emulator = await start();
    const id = idOf(await create(emulator));
    const res = await remove(emulator, id);
    expect(res.status).toBe(op('DeleteProxySession').http.code);
    expect(res.text).toBe('');
    expect(emulator.openSessions()).toBe(0);
    expectError(await get(emulator, id), 404, 'NotFoundException');
    expectError(await update(emulator, id, { Capabilities: ['Voice'] }), 404, 'NotFoundException');
    expectError(await remove(emulator, id), 404, 'NotFoundException');
  });

  it('ignores a body (the operation has no body members)', async () => {
    const emulator = await start();
    const id = idOf(await create(emulator));
    const url = emulator.url + model.path({ VoiceConnectorId: emulator.voiceConnectorId!, ProxySessionId: id }, op('DeleteProxySession').http);
    const res = await request(url, { method: 'DELETE', body: '{not json' });
    await res.body.text();
    expect(res.statusCode).toBe(204);
  });
});

describe('ListProxySessions', () => {
  it('lists the connector’s sessions in creation order, with no NextToken when they fit', async () => {
    const emulator = await start();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(idOf(await create(emulator)));
    const res = await list(emulator);
    expect(res.status).toBe(200);
    expect(op('ListProxySessions').validateOutput(res.json)).toEqual([]);
    expect(res.json.ProxySessions.map((s: { ProxySessionId: string }) => s.ProxySessionId)).toEqual(ids);
    expect(res.json).not.toHaveProperty('NextToken');
    expect(res.json.ProxySessions[0]).toEqual((await get(emulator, ids[0]!)).json.ProxySession);
  });

  it('filters by status', async () => {
    const emulator = await start();
    const short = idOf(await create(emulator, { ...valid, ExpiryMinutes: 1 }));
    const long = idOf(await create(emulator, { ...valid, ExpiryMinutes: 10 }));
    await advanceClock(emulator.url, 90, 5_000);
    expect((await allPages(emulator, { status: expired.status })).flat()).toEqual([short]);
    expect((await allPages(emulator, { status: 'Open' })).flat()).toEqual([long]);
    expect((await allPages(emulator, { status: 'InProgress' })).flat()).toEqual([]);
  });

  it('pages with max-results 1 and stays stable while sessions are added and deleted between pages', async () => {
    // Arrange
    const emulator = await start();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(idOf(await create(emulator)));

    // Act: after page 1 a session is added; after page 2 the third session is deleted.
    const pages = await allPages(emulator, { 'max-results': '1' }, async (page) => {
      if (page === 1) ids.push(idOf(await create(emulator)));
      if (page === 2) expect((await remove(emulator, ids[2]!)).status).toBe(204);
    });

    // Assert
    expect(pages).toEqual([[ids[0]], [ids[1]], [ids[3]]]);
  });

  it('pages 100 at a time by default (the largest ResultMax)', async () => {
    const emulator = await start();
    for (let i = 0; i < 101; i++) await create(emulator, { ...valid, ParticipantPhoneNumbers: [A, `+1206555${String(1000 + i).padStart(4, '0')}`] });
    const pages = await allPages(emulator, {});
    expect(pages.map((p) => p.length)).toEqual([100, 1]);
  });

  it('rejects max-results outside ResultMax, non-integers, an unknown status and a token it did not issue; ignores unknown parameters', async () => {
    const emulator = await start();
    await create(emulator);
    const bad: Array<Record<string, string>> = [{ 'max-results': '0' }, { 'max-results': '101' }, { 'max-results': 'abc' }, { 'max-results': '1.5' }, { status: 'Sleeping' }, { 'next-token': 'bm9wZQ' }, { 'next-token': '!!' }];
    for (const query of bad) {
      const res = await list(emulator, query);
      expectError(res, 400, 'BadRequestException');
    }
    expect((await list(emulator, { 'max-results': 'abc' })).json.Message).toContain('MaxResults failed to satisfy the type constraint');
    const ok = await list(emulator, { 'max-results': '5', unknown: 'x', 'next-token': '' });
    expect(ok.status).toBe(200);
    expect(ok.json.ProxySessions).toHaveLength(1);
  });

  it('answers an unknown connector with 404', async () => {
    const emulator = await start();
    expectError(await call(emulator, 'ListProxySessions', { labels: { VoiceConnectorId: 'other0connector0aaaaaa' } }), 404, 'NotFoundException');
  });

  it('accepts a signed request with query parameters when signatures are on', async () => {
    const credentials = { accessKeyId: 'AKIDLIST', secretAccessKey: 'list-secret' };
    const emulator = await start({ now: () => new Date(), signatures: { credentials: [credentials] } });
    const sign = createSigner({ service: model.spec.service.signingName, region: 'us-east-1', credentials: async () => credentials });
    const unsigned = buildRequest(op('ListProxySessions'), emulator.url, { labels: { VoiceConnectorId: emulator.voiceConnectorId! }, query: { status: 'Open', 'max-results': '7' } });
    const res = await sendRequest(await sign(unsigned), { timeoutMs: 5_000, maxBodyBytes: 1 << 20 });
    if (isTransportFailure(res)) throw new Error(res.message);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ProxySessions: [] });
  });
});

describe('expiry on the controllable clock', () => {
  it('closes a session past its ExpiryMinutes, frees its numbers, and keeps it readable until deleted', async () => {
    // Arrange: a pool of two numbers; A and B hold both of them twice over (one each per session).
    const emulator = await start({ proxyPoolSize: 2 });
    const id = idOf(await create(emulator, { ...valid, ExpiryMinutes: 1 }));
    expect((await create(emulator, { ...valid, ExpiryMinutes: 10 })).status).toBe(201);
    expect((await create(emulator)).status).toBe(503);

    // Act
    await advanceClock(emulator.url, 60, 5_000);

    // Assert
    const res = await get(emulator, id);
    expect(res.json.ProxySession).toMatchObject({ Status: expired.status, [expired.endedMember]: new Date(T0.getTime() + 60_000).toISOString() });
    expect(op('GetProxySession').validateOutput(res.json)).toEqual([]);
    expect((await create(emulator)).status).toBe(201);
    expect(emulator.openSessions()).toBe(3);
    expect((await remove(emulator, id)).status).toBe(204);
    expect(emulator.openSessions()).toBe(2);
  });

  it('stays open one second before the deadline', async () => {
    const emulator = await start();
    const id = idOf(await create(emulator, { ...valid, ExpiryMinutes: 1 }));
    await advanceClock(emulator.url, 59, 5_000);
    expect((await get(emulator, id)).json.ProxySession.Status).toBe('Open');
  });

  it('gives a session without ExpiryMinutes the connector’s DefaultSessionExpiryMinutes, and expires it then', async () => {
    const emulator = await start();
    const defaultMinutes = model.spec.lifecycle.provision.proxy.DefaultSessionExpiryMinutes as number;
    const id = idOf(await create(emulator));
    expect((await get(emulator, id)).json.ProxySession.ExpiryMinutes).toBe(defaultMinutes);
    const put = await call(emulator, 'PutVoiceConnectorProxy', { body: { DefaultSessionExpiryMinutes: 5, PhoneNumberPoolCountries: ['US'] } });
    expect(put.status).toBe(200);
    expect((await create(emulator)).json.ProxySession.ExpiryMinutes).toBe(5);
    await advanceClock(emulator.url, defaultMinutes * 60, 5_000);
    expect((await get(emulator, id)).json.ProxySession.Status).toBe(expired.status);
  });
});

describe('clock control', () => {
  it('reads and advances the clock; refuses a bad body with a plain JSON 400', async () => {
    const emulator = await start();
    expect(await readClock(emulator.url, 5_000)).toEqual({ now: T0.toISOString(), offsetSeconds: 0 });
    expect(await advanceClock(emulator.url, 90.5, 5_000)).toEqual({ now: new Date(T0.getTime() + 90_500).toISOString(), offsetSeconds: 90.5 });
    for (const body of ['{"offsetSeconds": -1}', '{"advanceSeconds": "5"}', '{"advanceSeconds": null}', '[]', 'nope', '{}']) {
      const res = await fetch(emulator.url + CLOCK_CONTROL_PATH, { method: 'POST', body });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toMatch(/\S/);
    }
    expect((await readClock(emulator.url, 5_000))?.offsetSeconds).toBe(90.5);
    expect(await setClockOffset(emulator.url, 0, 5_000)).toEqual({ now: T0.toISOString(), offsetSeconds: 0 });
  });

  it('refuses numbers out of bounds and moves past its latest instant, leaving the clock where it was (once a 500 for every later create and List)', async () => {
    const emulator = await start();
    const id = idOf(await create(emulator));
    const post = (body: string) => fetch(emulator.url + CLOCK_CONTROL_PATH, { method: 'POST', body }).then(async (res) => ({ status: res.status, message: ((await res.json()) as { message?: string }).message ?? '' }));
    for (const body of ['{"advanceSeconds": 1e16}', '{"advanceSeconds": 1e400}', '{"advanceSeconds": -1e16}', '{"offsetSeconds": 1e16}', '{"advanceSeconds": 1, "offsetSeconds": 1}']) {
      expect(await post(body), body).toMatchObject({ status: 400 });
    }
    expect(await readClock(emulator.url, 5_000)).toEqual({ now: T0.toISOString(), offsetSeconds: 0 });

    // The refusal says how far the clock can go; it goes exactly that far, and not one second more.
    const refused = await post('{"advanceSeconds": 2.534e11}');
    expect(refused.status).toBe(400);
    const room = Number(/at most (\d+) s forward/.exec(refused.message)?.[1]);
    expect(room).toBeGreaterThan(0);
    expect((await advanceClock(emulator.url, room, 5_000))?.now).toMatch(/^9999-/);
    expect(await post('{"advanceSeconds": 1}')).toMatchObject({ status: 400 });

    // There every timestamp is still a date-time: the first session is Closed, a new one is created, both render.
    expect(expectDateTimes(await get(emulator, id)).json.ProxySession.Status).toBe(expired.status);
    const late = await create(emulator);
    expect(late.status).toBe(201);
    expectDateTimes(late);
    const listed = await list(emulator);
    expect(listed.status).toBe(200);
    expect(op('ListProxySessions').validateOutput(listed.json)).toEqual([]);
    expect(await setClockOffset(emulator.url, 0, 5_000)).toEqual({ now: T0.toISOString(), offsetSeconds: 0 });
  });

  it('moves back with a negative advance, never behind the base clock, so overlapping moves undo in any order', async () => {
    const emulator = await start();
    await advanceClock(emulator.url, 61, 5_000); // run A
    await advanceClock(emulator.url, 61, 5_000); // run B, while A's move stands
    expect(await advanceClock(emulator.url, -61, 5_000)).toMatchObject({ offsetSeconds: 61 }); // A undoes its own
    expect(await advanceClock(emulator.url, -61, 5_000)).toEqual({ now: T0.toISOString(), offsetSeconds: 0 }); // B too
    expect(await advanceClock(emulator.url, -5, 5_000)).toMatchObject({ offsetSeconds: 0 });
  });

  it('needs no signature when signatures are on', async () => {
    const emulator = await start({ signatures: { credentials: [{ accessKeyId: 'AKIDCLOCK', secretAccessKey: 's' }] } });
    expect(await advanceClock(emulator.url, 1, 5_000)).toMatchObject({ offsetSeconds: 1 });
  });

  it('is off by default: the path is an unknown route', async () => {
    const emulator = await startClosedAfterEach();
    expect(await readClock(emulator.url, 5_000)).toBeUndefined();
    const res = await fetch(emulator.url + CLOCK_CONTROL_PATH, { method: 'POST', body: '{"advanceSeconds": 1}' });
    expect(res.status).toBe(404);
    expect(res.headers.get(model.spec.errorContract.header)).toBe('NotFoundException');
  });
});
