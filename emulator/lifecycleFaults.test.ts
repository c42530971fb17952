import { describe, expect, it } from 'vitest';
import { advanceClock } from '../src/protocol/index.ts';
import { defaultOperation } from '../src/spec/index.ts';
import { callOperation, emulatorsClosedAfterEach, type Answer } from './_testClient.ts';
import { type FaultName, type RunningEmulator } from './index.ts';

const model = defaultOperation();
const A = '+12065550142';
const B = '+12065550143';
const valid = { ParticipantPhoneNumbers: [A, B], Capabilities: ['Voice'] };

const start = emulatorsClosedAfterEach();
const withFault = (fault: FaultName | undefined): Promise<RunningEmulator> => start({ faults: fault ? [fault] : [], clockControl: true });

const create = (e: RunningEmulator, body: Record<string, unknown> = {}) => callOperation(e, 'CreateProxySession', { body: { ...valid, ...body } });
const on = (a: Answer | string) => ({ labels: { ProxySessionId: typeof a === 'string' ? a : a.json.ProxySession.ProxySessionId } });
const get = (e: RunningEmulator, a: Answer | string) => callOperation(e, 'GetProxySession', on(a));
const update = (e: RunningEmulator, a: Answer | string, body: unknown) => callOperation(e, 'UpdateProxySession', { ...on(a), body });
const remove = (e: RunningEmulator, a: Answer | string) => callOperation(e, 'DeleteProxySession', on(a));
const listed = async (e: RunningEmulator, query: Record<string, string> = {}) =>
  ((await callOperation(e, 'ListProxySessions', { query })).json.ProxySessions as Array<{ ProxySessionId: string }>).map((s) => s.ProxySessionId);
const idOf = (a: Answer): string => a.json.ProxySession.ProxySessionId;
const proxyNumbers = (a: Answer): string[] => a.json.ProxySession.Participants.map((p: { ProxyPhoneNumber: string }) => p.ProxyPhoneNumber);

describe('lifecycle faults', () => {
  it('session-not-persisted: Create answers 201 but Get/Update/Delete answer 404, List omits it, and no number leaks', async () => {
    const emulator = await withFault('session-not-persisted');
    const created = await create(emulator);
    expect(created.status).toBe(201);
    expect((await get(emulator, created)).status).toBe(404);
    expect((await update(emulator, created, { Capabilities: ['SMS'] })).status).toBe(404);
    expect((await remove(emulator, created)).status).toBe(404);
    expect(await listed(emulator)).toEqual([]);
    expect(emulator.openSessions()).toBe(0);
    // The numbers went back to the pool: the same pair may be given them again (distinct-proxy-numbers allows it).
    const small = await start({ faults: ['session-not-persisted'], proxyPoolSize: 2 });
    for (let i = 0; i < 3; i++) expect((await create(small)).status).toBe(201);
  });

  it('get-wrong-participants: Get answers another fictional number for the second participant', async () => {
    const emulator = await withFault('get-wrong-participants');
    const created = await create(emulator);
    const read = await get(emulator, created);
    expect(read.status).toBe(200);
    const numbers = read.json.ProxySession.Participants.map((p: { PhoneNumber: string }) => p.PhoneNumber);
    expect(numbers[0]).toBe(A);
    expect(numbers[1]).not.toBe(B);
    expect(numbers[1]).not.toBe(A);
    expect(model.operation('GetProxySession').validateOutput(read.json)).toEqual([]);
    expect(created.json.ProxySession.Participants[1].PhoneNumber).toBe(B);
  });

  it('delete-noop: Delete answers 204 and the session stays Open; a second delete removes it', async () => {
    const emulator = await withFault('delete-noop');
    const created = await create(emulator);
    expect((await remove(emulator, created)).status).toBe(204);
    expect((await get(emulator, created)).json.ProxySession.Status).toBe('Open');
    expect(emulator.openSessions()).toBe(1);
    expect((await remove(emulator, created)).status).toBe(204);
    expect((await get(emulator, created)).status).toBe(404);
    expect(emulator.openSessions()).toBe(0);
  });

  it('list-missing-session: List leaves out the newest session', async () => {
    const emulator = await withFault('list-missing-session');
    const ids = [idOf(await create(emulator)), idOf(await create(emulator))];
    expect(await listed(emulator)).toEqual([ids[0]]);
  });

  it('update-ignored: Update answers 201 with the session unchanged and stores nothing', async () => {
    const emulator = await withFault('update-ignored');
    const created = await create(emulator, { ExpiryMinutes: 30 });
    await advanceClock(emulator.url, 10, 5_000);
    const res = await update(emulator, created, { Capabilities: ['SMS'], ExpiryMinutes: 45 });
    expect(res.status).toBe(201);
    expect(res.json).toEqual(created.json);
    expect((await get(emulator, created)).json).toEqual(created.json);
  });

  it('update-200: Update answers 200, otherwise correct', async () => {
    const emulator = await withFault('update-200');
    const created = await create(emulator);
    const res = await update(emulator, created, { Capabilities: ['SMS'] });
    expect(res.status).toBe(200);
    expect(res.json.ProxySession.Capabilities).toEqual(['SMS']);
    expect((await create(emulator)).status).toBe(201);
  });

  it('delete-200: Delete answers 200 with {}, otherwise correct', async () => {
    const emulator = await withFault('delete-200');
    const created = await create(emulator);
    const res = await remove(emulator, created);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({});
    expect((await get(emulator, created)).status).toBe(404);
  });

  it('expired-still-open: a session past its ExpiryMinutes stays Open without an EndedTimestamp', async () => {
    const emulator = await withFault('expired-still-open');
    const created = await create(emulator, { ExpiryMinutes: 1 });
    await advanceClock(emulator.url, 3600, 5_000);
    const session = (await get(emulator, created)).json.ProxySession;
    expect(session.Status).toBe('Open');
    expect(session).not.toHaveProperty(model.spec.lifecycle.expired.endedMember);
  });

  it('session-id-reused: a new session takes the id of the most recently deleted one', async () => {
    const emulator = await withFault('session-id-reused');
    const first = await create(emulator);
    expect(idOf(await create(emulator))).not.toBe(idOf(first));
    await remove(emulator, first);
    expect(idOf(await create(emulator))).toBe(idOf(first));
  });

  it('unknown-session-400: Get, Update and Delete of an unknown session answer 400 BadRequestException', async () => {
    const emulator = await withFault('unknown-session-400');
    for (const res of [await get(emulator, 'nope'), await update(emulator, 'nope', { Capabilities: ['SMS'] }), await remove(emulator, 'nope')]) {
      expect(res.status).toBe(400);
      expect(res.headers.get(model.spec.errorContract.header)).toBe('BadRequestException');
    }
  });

  it('update-accepts-missing-capabilities: Update without Capabilities is accepted, capabilities unchanged', async () => {
    const emulator = await withFault('update-accepts-missing-capabilities');
    const created = await create(emulator);
    const res = await update(emulator, created, { ExpiryMinutes: 45 });
    expect(res.status).toBe(201);
    expect(res.json.ProxySession).toMatchObject({ Capabilities: ['Voice'], ExpiryMinutes: 45 });
    expect((await create(emulator, { Capabilities: undefined })).status).toBe(400);
  });

  it('list-accepts-bad-max-results: max-results outside ResultMax is clamped', async () => {
    const emulator = await withFault('list-accepts-bad-max-results');
    await create(emulator);
    await create(emulator, { ParticipantPhoneNumbers: [A, '+12065550144'] });
    const zero = await callOperation(emulator, 'ListProxySessions', { query: { 'max-results': '0' } });
    expect(zero.status).toBe(200);
    expect(zero.json.ProxySessions).toHaveLength(1);
    expect((await callOperation(emulator, 'ListProxySessions', { query: { 'max-results': '1000' } })).json.ProxySessions).toHaveLength(2);
    expect((await callOperation(emulator, 'ListProxySessions', { query: { 'max-results': 'abc' } })).status).toBe(400);
  });

  it('sticky-ignored: PreferSticky is ignored (the reopening pair gets other numbers)', async () => {
    const emulator = await withFault('sticky-ignored');
    const first = await create(emulator, { NumberSelectionBehavior: 'PreferSticky' });
    await remove(emulator, first);
    const again = await create(emulator, { NumberSelectionBehavior: 'PreferSticky' });
    for (const n of proxyNumbers(again)) expect(proxyNumbers(first)).not.toContain(n);
  });

  it('geo-ignored: GeoMatchLevel and GeoMatchParams are ignored', async () => {
    const emulator = await withFault('geo-ignored');
    const res = await create(emulator, { GeoMatchLevel: 'AreaCode', GeoMatchParams: { Country: 'US', AreaCode: '415' } });
    expect(res.status).toBe(201);
    for (const n of proxyNumbers(res)) expect(n.startsWith('+1415')).toBe(false);
    const correct = await withFault(undefined);
    for (const n of proxyNumbers(await create(correct, { GeoMatchLevel: 'AreaCode', GeoMatchParams: { Country: 'US', AreaCode: '415' } }))) expect(n.startsWith('+1415')).toBe(true);
  });

  it("default-expiry-ignored: no ExpiryMinutes gives the unspecified threshold, not the connector's default", async () => {
    const emulator = await withFault('default-expiry-ignored');
    const threshold = Object.values(model.unspecified).find((c) => c.member === 'ExpiryMinutes')!.above;
    expect((await create(emulator)).json.ProxySession.ExpiryMinutes).toBe(threshold);
    expect((await create(emulator, { ExpiryMinutes: 5 })).json.ProxySession.ExpiryMinutes).toBe(5);
  });
});

describe('the older faults keep to CreateProxySession', () => {
  it('success-200 and epoch-timestamps change Create only; error faults change every error', async () => {
    const emulator = await start({ faults: ['success-200', 'epoch-timestamps', 'no-error-type-header'] });
    const created = await create(emulator);
    expect(created.status).toBe(200);
    expect(typeof created.json.ProxySession.CreatedTimestamp).toBe('number');
    const read = await get(emulator, created);
    expect(read.status).toBe(200);
    expect(typeof read.json.ProxySession.CreatedTimestamp).toBe('string');
    expect((await update(emulator, created, { Capabilities: ['SMS'] })).status).toBe(201);
    const missing = await get(emulator, 'nope');
    expect(missing.status).toBe(404);
    expect(missing.headers.get(model.spec.errorContract.header)).toBeNull();
  });

  it('accept-missing-capabilities does not reach UpdateProxySession', async () => {
    const emulator = await start({ faults: ['accept-missing-capabilities'] });
    const created = await create(emulator);
    expect((await update(emulator, created, {})).status).toBe(400);
  });
});
