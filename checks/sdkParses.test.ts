import { describe, expect, it } from 'vitest';
import type { RequestCase } from '../generators/types.ts';
import type { SdkOutcome } from '../src/sdk/index.ts';
import { defaultOperation } from '../src/spec/index.ts';
import { sdkParses } from './sdkParses.ts';
import type { CaseRun, CheckContext, Exchange } from './types.ts';

const model = defaultOperation();
const labels = { VoiceConnectorId: 'conformance0reference1' };
const body = { ParticipantPhoneNumbers: ['+12065550100', '+12065550101'], Capabilities: ['Voice'] };
const created = '2026-11-27T03:00:00.000Z';
const session = { ProxySessionId: 'abc', VoiceConnectorId: labels.VoiceConnectorId, Status: 'Open', CreatedTimestamp: created, UpdatedTimestamp: created };

const accept: RequestCase = { kind: 'accept', labels, body };
const tooShort: RequestCase = { kind: 'reject', labels, body: { ...body, ExpiryMinutes: 0 }, violation: { member: '/ExpiryMinutes', constraint: 'range', how: 'below the minimum' } };
const unknownConnector: RequestCase = { kind: 'unknown-connector', labels: { VoiceConnectorId: 'nope' }, body };

function exchange(step: RequestCase, status: number, json: unknown, sdk?: SdkOutcome): Exchange {
  return {
    step,
    request: { method: 'POST', url: 'http://127.0.0.1/voice-connectors/x/proxy-sessions', headers: {}, body: JSON.stringify(step.body) },
    response: { status, headers: { 'content-type': 'application/json' }, bodyText: JSON.stringify(json), json, elapsedMs: 1 },
    sentAt: 0,
    receivedAt: 1,
    ...(sdk ? { sdk } : {}),
  };
}

function check(...exchanges: Exchange[]) {
  const run: CaseRun = { case: { family: 'test', steps: exchanges.map((e) => e.step) }, exchanges };
  const ctx: CheckContext = { model, run, state: { seenSessionIds: new Map() }, options: { strict: false } };
  return { applies: sdkParses.applies(ctx), failures: sdkParses.run(ctx) };
}

/** What the SDK made of an answer carrying `answered`: the session with Date timestamps, unless `over` says otherwise. */
const parsed = (over: Partial<Record<string, unknown>> = {}, answered: Record<string, unknown> = session): SdkOutcome => ({
  kind: 'output',
  httpStatusCode: 201,
  createdSessionId: 'def',
  output: { ProxySession: { ...answered, CreatedTimestamp: new Date(created), UpdatedTimestamp: new Date(created), ...over } },
  answer: { ProxySession: answered },
});
const badRequest = (over: Partial<Extract<SdkOutcome, { kind: 'error' }>> = {}): SdkOutcome => ({ kind: 'error', name: 'BadRequestException', fault: 'client', message: 'bad', httpStatusCode: 400, ...over });
const errorBody = { Code: 'BadRequest', Message: 'bad' };

describe('sdk-parses', () => {
  it('passes a ProxySession with Date timestamps, and the named exception with the expected status', () => {
    expect(check(exchange(accept, 201, { ProxySession: session }, parsed()))).toEqual({ applies: true, failures: [] });
    expect(check(exchange(tooShort, 400, errorBody, badRequest()))).toEqual({ applies: true, failures: [] });
    expect(check(exchange(unknownConnector, 404, { Code: 'NotFound', Message: 'no' }, badRequest({ name: 'NotFoundException', httpStatusCode: 404 })))).toEqual({ applies: true, failures: [] });
  });

  it('fails timestamps the SDK left as strings, invalid or missing although the server sent them', () => {
    const { failures } = check(exchange(accept, 201, { ProxySession: session }, parsed({ CreatedTimestamp: created, UpdatedTimestamp: undefined, EndedTimestamp: new Date('not a date') })));
    expect(failures.map((f) => [f.path, f.actual, f.step])).toEqual([
      ['sdk/ProxySession/CreatedTimestamp', 'string', 0],
      ['sdk/ProxySession/UpdatedTimestamp', '(missing)', 0],
      ['sdk/ProxySession/EndedTimestamp', 'invalid-date', 0],
    ]);
  });

  it('holds the output of a read against the answer the SDK read, into lists and nested structures', () => {
    const list: RequestCase = { kind: 'accept', operation: 'ListProxySessions', labels };
    const answer = { ProxySessions: [session, { ...session, ProxySessionId: 'ghi' }], NextToken: 't' };
    const output = { ProxySessions: [{ ...session, CreatedTimestamp: new Date(created), UpdatedTimestamp: new Date(created) }, { ...session, ProxySessionId: 'ghi', CreatedTimestamp: created, UpdatedTimestamp: new Date(created) }] };
    const sdk: SdkOutcome = { kind: 'output', httpStatusCode: 200, output, answer };
    // The raw answer is another request's (a second List may see other sessions): the SDK's own answer is what counts.
    expect(check(exchange(list, 200, { ProxySessions: [] }, sdk)).failures.map((f) => [f.path, f.actual])).toEqual([
      ['sdk/ProxySessions/1/CreatedTimestamp', 'string'],
      ['sdk/NextToken', '(missing)'],
    ]);
    const proxy: RequestCase = { kind: 'accept', operation: 'GetVoiceConnectorProxy', labels };
    const configuration = { Proxy: { DefaultSessionExpiryMinutes: 60, Disabled: false, PhoneNumberCountries: ['US'] } };
    expect(check(exchange(proxy, 200, configuration, { kind: 'output', httpStatusCode: 200, output: configuration, answer: configuration }))).toEqual({ applies: true, failures: [] });
    expect(check(exchange(proxy, 200, configuration, { kind: 'output', httpStatusCode: 200, output: {}, answer: configuration })).failures.map((f) => f.path)).toEqual(['sdk/Proxy']);
  });

  it('fails a 2xx the SDK could not deserialise (epoch-second timestamps), and an output with no ProxySessionId', () => {
    const epoch = { ...session, CreatedTimestamp: 1796180400, UpdatedTimestamp: 1796180400 };
    const threw: SdkOutcome = { kind: 'failure', name: 'TypeError', message: 'RFC-3339 date-times must be expressed as strings', httpStatusCode: 201, createdSessionId: 'def' };
    const [failure] = check(exchange(accept, 201, { ProxySession: epoch }, threw)).failures;
    expect(failure).toMatchObject({ check: 'sdk-parses', path: 'sdk', expected: 'the output', actual: 'TypeError: RFC-3339 date-times must be expressed as strings' });
    const noId = parsed({ ProxySessionId: undefined });
    expect(check(exchange(accept, 201, { ProxySession: session }, noId)).failures.map((f) => f.path)).toEqual(['sdk/ProxySession/ProxySessionId']);
  });

  it('fails the wrong exception name, the wrong $metadata.httpStatusCode, and a non-exception', () => {
    expect(check(exchange(tooShort, 400, errorBody, badRequest({ name: 'ValidationException' }))).failures.map((f) => [f.path, f.expected, f.actual])).toEqual([['sdk/name', 'BadRequestException', 'ValidationException']]);
    expect(check(exchange(tooShort, 400, errorBody, badRequest({ httpStatusCode: 422 }))).failures.map((f) => [f.path, f.expected, f.actual])).toEqual([['sdk/$metadata/httpStatusCode', 400, 422]]);
    const syntax: SdkOutcome = { kind: 'failure', name: 'SyntaxError', message: 'Unexpected token', httpStatusCode: 400 };
    expect(check(exchange(tooShort, 400, errorBody, syntax)).failures.map((f) => [f.path, f.actual])).toEqual([['sdk', 'SyntaxError']]);
    expect(check(exchange(tooShort, 400, errorBody, parsed())).failures.map((f) => [f.path, f.actual])).toEqual([['sdk', 'output']]);
  });

  it('skips steps without an SDK outcome, raw answers status-code reports, and malformed-input steps', () => {
    expect(check(exchange(accept, 201, { ProxySession: session }))).toEqual({ applies: false, failures: [] });
    expect(check(exchange(accept, 400, errorBody, badRequest()))).toEqual({ applies: false, failures: [] });
    expect(check(exchange(tooShort, 201, { ProxySession: session }, parsed()))).toEqual({ applies: false, failures: [] });
    const wrongType: RequestCase = { kind: 'reject', labels, body: { ...body, ExpiryMinutes: 'x' }, violation: { member: '/ExpiryMinutes', constraint: 'type', how: 'a string' } };
    expect(check(exchange(wrongType, 400, errorBody, badRequest({ name: 'SerializationException' })))).toEqual({ applies: false, failures: [] });
  });

  it("does not blame the SDK when its copy of a call on the case's own session found that session gone; fails any other error", () => {
    // The Get got 200; by the time the SDK's copy went out the session was gone (an endpoint that hands every
    // session one id, which another case's cleanup deleted) and the copy was answered 404 NotFoundException.
    const onSession: RequestCase = { kind: 'accept', operation: 'GetProxySession', labels: { ...labels, ProxySessionId: 'abc' }, sessionFrom: { step: 0, label: 'ProxySessionId' } };
    const notFound = badRequest({ name: 'NotFoundException', httpStatusCode: 404 });
    expect(check(exchange(onSession, 200, { ProxySession: session }, notFound)).failures).toEqual([]);
    // The same on a create (no session of the case's own yet), or any other error on a call on the session: a failure.
    expect(check(exchange(accept, 201, { ProxySession: session }, notFound)).failures.map((f) => f.path)).toEqual(['sdk']);
    for (const sdk of [badRequest({ httpStatusCode: 400 }), badRequest({ name: 'NotFoundException', httpStatusCode: 200 })]) {
      expect(check(exchange(onSession, 200, { ProxySession: session }, sdk)).failures.map((f) => f.path)).toEqual(['sdk']);
    }
  });

  it('reports each failing step of a several-step case at its index', () => {
    const { failures } = check(exchange(accept, 201, { ProxySession: session }, parsed()), exchange(accept, 201, { ProxySession: session }, parsed({ CreatedTimestamp: created })));
    expect(failures.map((f) => f.step)).toEqual([1]);
  });
});
