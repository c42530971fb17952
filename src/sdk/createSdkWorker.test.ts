import { afterAll, describe, expect, it } from 'vitest';
import type { RequestCase } from '../../generators/types.ts';
import type { WireRequest } from '../protocol/index.ts';
import { defaultOperation } from '../spec/index.ts';
import { createSdkSender } from './createSdkSender.ts';
import { createSdkWorker } from './createSdkWorker.ts';
import { sdkOperation } from './sdkOperation.ts';
import type { SdkSender, SdkSettings, WireSend } from './types.ts';

const operation = sdkOperation(defaultOperation());
const settings: SdkSettings = { endpoint: 'http://127.0.0.1:9', region: 'us-east-1', auth: 'none', timeoutMs: 1_000, maxBodyBytes: 1 << 20 };
const step: RequestCase = { kind: 'accept', labels: { VoiceConnectorId: 'vc0' }, body: { ParticipantPhoneNumbers: ['+12065550100', '+12065550101'], Capabilities: ['Voice'] } };
const session = { ProxySessionId: 'ps1', VoiceConnectorId: 'vc0', Status: 'Open', CreatedTimestamp: '2026-12-07T10:00:00.000Z', UpdatedTimestamp: '2026-12-07T10:00:00.000Z' };

/** A send that answers every request with `answer` and keeps what it was given. */
function scripted(answer: Awaited<ReturnType<WireSend>> | Error): { send: WireSend; sent: ({ request: WireRequest } & Parameters<WireSend>[1])[] } {
  const sent: ({ request: WireRequest } & Parameters<WireSend>[1])[] = [];
  return {
    sent,
    send: async (request, o) => {
      sent.push({ request, ...o });
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

const senders: SdkSender[] = [];
afterAll(async () => {
  await Promise.all(senders.map((s) => s.destroy()));
});

/** The same step through the SDK in this thread and on the worker thread, over the same scripted send. */
async function both(answer: Awaited<ReturnType<WireSend>> | Error, options: { timeoutMs?: number } = {}, sent: RequestCase = step) {
  const here = scripted(answer);
  const there = scripted(answer);
  const inThread = createSdkSender(operation, settings, here.send);
  const inWorker = createSdkWorker(operation, settings, there.send);
  senders.push(inThread, inWorker);
  return { inThread: await inThread.send(sent, options), inWorker: await inWorker.send(sent, options), here: here.sent, there: there.sent };
}

describe('createSdkWorker: the SDK on its worker thread', () => {
  it('sends what the SDK signed through the given send, and gives the outcome the SDK gives in this thread (Dates stay Dates)', async () => {
    const json = { ProxySession: session };
    const { inThread, inWorker, here, there } = await both({ status: 201, headers: { 'content-type': 'application/json' }, bodyText: JSON.stringify(json), json, elapsedMs: 1 });
    expect(inWorker).toEqual(inThread);
    expect(inWorker).toMatchObject({ kind: 'output', createdSessionId: 'ps1', answer: json });
    expect(inWorker?.kind === 'output' && (inWorker.output.ProxySession as Record<string, unknown>).CreatedTimestamp).toBeInstanceOf(Date);
    expect(there[0]!.creates).toBe(true);
    expect(there).toHaveLength(1);
    const { authorization: a, 'x-amz-date': d, 'amz-sdk-invocation-id': i, ...headers } = there[0]!.request.headers;
    const { authorization: a2, 'x-amz-date': d2, 'amz-sdk-invocation-id': i2, ...headersHere } = here[0]!.request.headers;
    expect(a).toMatch(/^AWS4-HMAC-SHA256 /);
    expect({ ...there[0]!.request, headers }).toEqual({ ...here[0]!.request, headers: headersHere });
  });

  it('a named error, a transport failure, a spent budget and a send that throws: as in this thread', async () => {
    const error = { Code: 'BadRequest', Message: 'no' };
    const named = await both({ status: 400, headers: { 'x-amzn-errortype': 'BadRequestException', 'content-type': 'application/json' }, bodyText: JSON.stringify(error), json: error, elapsedMs: 1 });
    expect(named.inWorker).toEqual(named.inThread);
    expect(named.inWorker).toMatchObject({ kind: 'error', name: 'BadRequestException', httpStatusCode: 400 });

    const reset = await both({ kind: 'reset', message: 'the server closed the connection before a complete response', elapsedMs: 1 });
    expect(reset.inWorker).toEqual(reset.inThread);
    expect(reset.inWorker).toMatchObject({ kind: 'failure', transport: 'reset' });

    const spent = await both({ kind: 'not-sent', message: 'budget spent' });
    expect(spent.inWorker).toBeUndefined();
    expect(spent.inThread).toBeUndefined();

    const threw = await both(new Error('boom'));
    expect(threw.inWorker).toEqual(threw.inThread);
    expect(threw.inWorker).toMatchObject({ kind: 'failure', message: 'boom' });
  });

  it('a read (sdk-parses on reads): its own command, with its query members, that makes nothing', async () => {
    const json = { ProxySessions: [session], NextToken: 't' };
    const read: RequestCase = { kind: 'accept', operation: 'ListProxySessions', labels: { VoiceConnectorId: 'vc0' }, query: { 'max-results': '5', status: 'Open' } };
    const { inThread, inWorker, here, there } = await both({ status: 200, headers: { 'content-type': 'application/json' }, bodyText: JSON.stringify(json), json, elapsedMs: 1 }, {}, read);
    expect(inWorker).toEqual(inThread);
    expect(inWorker).toMatchObject({ kind: 'output', httpStatusCode: 200, answer: json });
    expect(inWorker).not.toHaveProperty('createdSessionId');
    expect(inWorker?.kind === 'output' && (inWorker.output.ProxySessions as Record<string, unknown>[])[0]!.CreatedTimestamp).toBeInstanceOf(Date);
    expect(there[0]).toMatchObject({ creates: false, request: { method: 'GET' } });
    expect(there[0]!.request.url).toBe(here[0]!.request.url);
    expect(there[0]!.request.url).toMatch(/\/voice-connectors\/vc0\/proxy-sessions\?.*max-results=5/);
  });

  it('hands a timeout to the send', async () => {
    const json = { ProxySession: session };
    const { there } = await both({ status: 201, headers: {}, bodyText: JSON.stringify(json), json, elapsedMs: 1 }, { timeoutMs: 1234 });
    expect(there[0]!.timeoutMs).toBe(1234);
  });
});
