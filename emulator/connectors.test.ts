import { describe, expect, it } from 'vitest';
import { defaultOperation } from '../src/spec/index.ts';
import { callOperation, emulatorsClosedAfterEach, type Answer, type CallInput } from './_testClient.ts';
import { DEFAULT_VOICE_CONNECTOR_ID } from './index.ts';

const model = defaultOperation();
const op = (name: string) => model.operation(name);
const { connector: provisionConnector, proxy: provisionProxy } = model.spec.lifecycle.provision;
const valid = { ParticipantPhoneNumbers: ['+12065550142', '+12065550143'], Capabilities: ['Voice'] };
const stricter = new RegExp(`^(?:${(model.shape('NonEmptyString128') as { stricterPattern: { pattern: string } }).stricterPattern.pattern})$`);

const start = emulatorsClosedAfterEach();

const on = (id: string, input: CallInput = {}): CallInput => ({ ...input, labels: { VoiceConnectorId: id, ...input.labels } });
const errorType = (a: Answer) => a.headers.get(model.spec.errorContract.header);

function expectAnswer(a: Answer, name: string): void {
  expect(a.status, a.text).toBe(op(name).http.code);
  if (op(name).output) expect(op(name).validateOutput(a.json)).toEqual([]);
  else expect(a.text).toBe('');
}

function expectError(a: Answer, status: number, name: string): void {
  expect(a.status, a.text).toBe(status);
  expect(errorType(a)).toBe(name);
  expect(model.validateErrorBody(a.json)).toEqual([]);
}

describe('an emulator started with no voice connector', () => {
  it('answers 404 until CreateVoiceConnector and PutVoiceConnectorProxy make one usable, and can be emptied again', async () => {
    // Arrange
    const emulator = await start({ voiceConnectorIds: [] });
    const call = (name: string, input?: CallInput) => callOperation(emulator, name, input);
    expect(emulator.voiceConnectorId).toBeUndefined();
    expect(emulator.voiceConnectors()).toEqual([]);
    const guess = on(DEFAULT_VOICE_CONNECTOR_ID);
    expectError(await call('CreateProxySession', { ...guess, body: valid }), 404, 'NotFoundException');
    expectError(await call('ListProxySessions', guess), 404, 'NotFoundException');
    expectError(await call('GetVoiceConnectorProxy', guess), 404, 'NotFoundException');
    expectError(await call('PutVoiceConnectorProxy', { ...guess, body: provisionProxy }), 404, 'NotFoundException');

    // Act: provision as --provision does (spec /lifecycle/provision).
    const created = await call('CreateVoiceConnector', { body: provisionConnector });
    expectAnswer(created, 'CreateVoiceConnector');
    const id: string = created.json.VoiceConnector.VoiceConnectorId;
    const refused = await call('CreateProxySession', on(id, { body: valid }));
    const put = await call('PutVoiceConnectorProxy', on(id, { body: provisionProxy }));
    const session = await call('CreateProxySession', on(id, { body: valid }));

    // Assert
    expect(id).toMatch(stricter);
    expect(emulator.voiceConnectors()).toEqual([id]);
    expectError(refused, 400, 'BadRequestException');
    expect(refused.json.Message).toMatch(/no proxy configuration/);
    expectAnswer(put, 'PutVoiceConnectorProxy');
    expect(put.json.Proxy).toEqual({ DefaultSessionExpiryMinutes: provisionProxy.DefaultSessionExpiryMinutes, Disabled: false, PhoneNumberCountries: provisionProxy.PhoneNumberPoolCountries });
    expect((await call('GetVoiceConnectorProxy', on(id))).json).toEqual(put.json);
    expectAnswer(session, 'CreateProxySession');
    expect(session.json.ProxySession.ExpiryMinutes).toBe(provisionProxy.DefaultSessionExpiryMinutes);

    // Clean-up as provisionConnector.remove() does: the connector is refused while it has a session.
    const sessionId: string = session.json.ProxySession.ProxySessionId;
    expectError(await call('DeleteVoiceConnector', on(id)), op('DeleteVoiceConnector').errors.ConflictException!.status, 'ConflictException');
    expectAnswer(await call('DeleteProxySession', on(id, { labels: { ProxySessionId: sessionId } })), 'DeleteProxySession');
    expectAnswer(await call('DeleteVoiceConnectorProxy', on(id)), 'DeleteVoiceConnectorProxy');
    expectError(await call('GetVoiceConnectorProxy', on(id)), 404, 'NotFoundException');
    expectError(await call('DeleteVoiceConnectorProxy', on(id)), 404, 'NotFoundException');
    expectAnswer(await call('DeleteVoiceConnector', on(id)), 'DeleteVoiceConnector');
    expectError(await call('DeleteVoiceConnector', on(id)), 404, 'NotFoundException');
    expect(emulator.voiceConnectors()).toEqual([]);
  });
});

describe('the default emulator', () => {
  it('has the default connector with the provisioned proxy configuration', async () => {
    const emulator = await start();
    expect(emulator.voiceConnectorId).toBe(DEFAULT_VOICE_CONNECTOR_ID);
    expect(emulator.voiceConnectors()).toEqual([DEFAULT_VOICE_CONNECTOR_ID]);
    const res = await callOperation(emulator, 'GetVoiceConnectorProxy');
    expectAnswer(res, 'GetVoiceConnectorProxy');
    expect(res.json.Proxy).toMatchObject({ DefaultSessionExpiryMinutes: provisionProxy.DefaultSessionExpiryMinutes, Disabled: false });
  });
});

describe('PutVoiceConnectorProxy', () => {
  it('with Disabled: true refuses new sessions (400) and keeps the existing ones', async () => {
    const emulator = await start();
    const open = await callOperation(emulator, 'CreateProxySession', { body: valid });
    const put = await callOperation(emulator, 'PutVoiceConnectorProxy', { body: { ...provisionProxy, Disabled: true, FallBackPhoneNumber: '+12065550199' } });
    expect(put.json.Proxy).toMatchObject({ Disabled: true, FallBackPhoneNumber: '+12065550199' });
    const refused = await callOperation(emulator, 'CreateProxySession', { body: valid });
    expectError(refused, 400, 'BadRequestException');
    expect(refused.json.Message).toMatch(/disabled/);
    expect(emulator.openSessions()).toBe(1);
    expect((await callOperation(emulator, 'GetProxySession', { labels: { ProxySessionId: open.json.ProxySession.ProxySessionId } })).status).toBe(200);
    await callOperation(emulator, 'PutVoiceConnectorProxy', { body: provisionProxy });
    expect((await callOperation(emulator, 'CreateProxySession', { body: valid })).status).toBe(201);
  });

  it("answers the spec's unspecified cases of its input as the variant says: mixed refuses only a default expiry below a minute", async () => {
    const above = { ...provisionProxy, DefaultSessionExpiryMinutes: (model.unspecified['default-expiry-above-720']?.above ?? 0) + 1 };
    const below = { ...provisionProxy, DefaultSessionExpiryMinutes: (model.unspecified['default-expiry-not-positive']?.below ?? 0) - 1 };
    const emptyCountry = { ...provisionProxy, PhoneNumberPoolCountries: ['US', ''] };
    const mixed = await start();
    expectError(await callOperation(mixed, 'PutVoiceConnectorProxy', { body: below }), 400, 'BadRequestException');
    for (const body of [above, emptyCountry]) expectAnswer(await callOperation(mixed, 'PutVoiceConnectorProxy', { body }), 'PutVoiceConnectorProxy');
    const accepting = await start({ variant: { unspecified: 'accept' } });
    for (const body of [below, above, emptyCountry]) expectAnswer(await callOperation(accepting, 'PutVoiceConnectorProxy', { body }), 'PutVoiceConnectorProxy');
    const rejecting = await start({ variant: { unspecified: 'reject' } });
    for (const body of [below, above, emptyCountry]) expectError(await callOperation(rejecting, 'PutVoiceConnectorProxy', { body }), 400, 'BadRequestException');
  });

  it('rejects invalid input, and a default expiry no session could have', async () => {
    const emulator = await start();
    for (const body of [{ DefaultSessionExpiryMinutes: 60 }, { ...provisionProxy, PhoneNumberPoolCountries: [] }, { ...provisionProxy, Disabled: 'yes' }, { ...provisionProxy, FallBackPhoneNumber: '12' + 'x' }, { ...provisionProxy, DefaultSessionExpiryMinutes: 0 }]) {
      expectError(await callOperation(emulator, 'PutVoiceConnectorProxy', { body }), 400, 'BadRequestException');
    }
    expectError(await callOperation(emulator, 'PutVoiceConnectorProxy', { body: '{' as unknown }), 400, 'BadRequestException');
  });
});

describe('CreateVoiceConnector', () => {
  it('echoes what it was given and defaults AwsRegion to us-east-1', async () => {
    const emulator = await start();
    const plain = await callOperation(emulator, 'CreateVoiceConnector', { body: { Name: 'plain', RequireEncryption: false } });
    expectAnswer(plain, 'CreateVoiceConnector');
    expect(plain.json.VoiceConnector).toMatchObject({ Name: 'plain', RequireEncryption: false, AwsRegion: 'us-east-1' });
    expect(plain.json.VoiceConnector.VoiceConnectorArn).toContain(plain.json.VoiceConnector.VoiceConnectorId);
    const full = await callOperation(emulator, 'CreateVoiceConnector', {
      body: { Name: 'full', RequireEncryption: true, AwsRegion: 'eu-west-2', IntegrationType: 'CONNECT_ANALYTICS_CONNECTOR', NetworkType: 'DUAL_STACK', Tags: [{ Key: 'k', Value: 'v' }] },
    });
    expectAnswer(full, 'CreateVoiceConnector');
    expect(full.json.VoiceConnector).toMatchObject({ AwsRegion: 'eu-west-2', IntegrationType: 'CONNECT_ANALYTICS_CONNECTOR', NetworkType: 'DUAL_STACK' });
    expect(full.json.VoiceConnector).not.toHaveProperty('Tags');
    expect(full.json.VoiceConnector.VoiceConnectorId).not.toBe(plain.json.VoiceConnector.VoiceConnectorId);
    expect(emulator.voiceConnectors()).toHaveLength(3);
  });

  it('rejects invalid input with 400', async () => {
    const emulator = await start();
    for (const body of [{ Name: 'x' }, { Name: 'semi;colon', RequireEncryption: true }, { Name: 'x', RequireEncryption: true, AwsRegion: 'mars-1' }]) {
      expectError(await callOperation(emulator, 'CreateVoiceConnector', { body }), 400, 'BadRequestException');
    }
    expect(emulator.voiceConnectors()).toHaveLength(1);
  });
});

describe('DeleteVoiceConnector', () => {
  it('refuses a connector with only an expired session left, too', async () => {
    const base = new Date('2026-11-27T03:00:00.000Z');
    let now = base;
    const emulator = await start({ now: () => now });
    await callOperation(emulator, 'CreateProxySession', { body: { ...valid, ExpiryMinutes: 1 } });
    now = new Date(base.getTime() + 120_000);
    expect((await callOperation(emulator, 'ListProxySessions')).json.ProxySessions[0].Status).toBe(model.spec.lifecycle.expired.status);
    expectError(await callOperation(emulator, 'DeleteVoiceConnector'), 409, 'ConflictException');
  });
});
