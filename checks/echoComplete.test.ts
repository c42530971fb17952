import { describe, expect, it } from 'vitest';
import type { RequestCase } from '../generators/types.ts';
import { defaultOperation } from '../src/spec/index.ts';
import { failedChecks, runAgainst, runFails } from '../test/support/runAgainst.ts';
import { echoComplete } from './echoComplete.ts';
import { requestEcho } from './requestEcho.ts';
import type { Check, CaseRun, CheckContext, Exchange } from './types.ts';

const model = defaultOperation();
const labels = { VoiceConnectorId: 'conformance0reference1' };
const at = '2026-11-27T03:00:00.000Z';
const full = {
  ParticipantPhoneNumbers: ['+12065550100', '+12065550101'],
  Capabilities: ['Voice', 'SMS'],
  Name: 'team call',
  ExpiryMinutes: 30,
  NumberSelectionBehavior: 'PreferSticky',
  GeoMatchLevel: 'AreaCode',
  GeoMatchParams: { Country: 'US', AreaCode: '206' },
};
const { ParticipantPhoneNumbers: _, ...echoed } = full;
const session = (over: Record<string, unknown> = {}) => ({
  ProxySessionId: 'abc',
  VoiceConnectorId: labels.VoiceConnectorId,
  Status: 'Open',
  CreatedTimestamp: at,
  UpdatedTimestamp: at,
  Participants: [{ PhoneNumber: '+12065550100', ProxyPhoneNumber: '+12065550199' }, { PhoneNumber: '+12065550101', ProxyPhoneNumber: '+12065550198' }],
  ...echoed,
  ...over,
});

function judge(check: Check, step: RequestCase, answered: Record<string, unknown>) {
  const json = { ProxySession: answered };
  const exchange: Exchange = {
    step,
    request: { method: 'POST', url: 'http://127.0.0.1/voice-connectors/x/proxy-sessions', headers: {}, body: JSON.stringify(step.body) },
    response: { status: 201, headers: { 'content-type': 'application/json' }, bodyText: JSON.stringify(json), json, elapsedMs: 1 },
    sentAt: 0,
    receivedAt: 1,
  };
  const run: CaseRun = { case: { family: 'test', steps: [step] }, exchanges: [exchange] };
  const ctx: CheckContext = { model, run, state: { seenSessionIds: new Map() }, options: { strict: false } };
  return check.run(ctx).map((f) => f.path);
}

const without = (member: string) => Object.fromEntries(Object.entries(session()).filter(([k]) => k !== member));

describe('echo-complete', () => {
  it('passes a session that carries every member the request set, whatever else it adds', () => {
    expect(judge(echoComplete, { kind: 'accept', labels, body: full }, session({ Extra: 1 }))).toEqual([]);
  });

  it('fails a member the request set that the answer leaves out or sends as null; request-echo stays silent', () => {
    expect(judge(echoComplete, { kind: 'accept', labels, body: full }, without('GeoMatchParams'))).toEqual(['body/ProxySession/GeoMatchParams']);
    expect(judge(echoComplete, { kind: 'accept', labels, body: full }, session({ NumberSelectionBehavior: null }))).toEqual(['body/ProxySession/NumberSelectionBehavior']);
    expect(judge(requestEcho, { kind: 'accept', labels, body: full }, without('GeoMatchParams'))).toEqual([]);
  });

  it('does not judge an empty Name, members the request left out or set null, or the member of an unspecified case', () => {
    expect(judge(echoComplete, { kind: 'accept', labels, body: { ...full, Name: '' } }, without('Name'))).toEqual([]);
    const { GeoMatchParams: _p, GeoMatchLevel: _l, ...plain } = full;
    expect(judge(echoComplete, { kind: 'accept', labels, body: plain }, without('GeoMatchParams'))).toEqual([]);
    expect(judge(echoComplete, { kind: 'unspecified', unspecified: 'optional-null', labels, body: { ...full, GeoMatchParams: null } }, without('GeoMatchParams'))).toEqual([]);
    const empty = Object.values(model.unspecified).find((c) => c.member === 'Capabilities' && Array.isArray(c.value));
    expect(empty).toBeDefined();
    expect(judge(echoComplete, { kind: 'unspecified', unspecified: empty!.id, labels, body: { ...full, Capabilities: [] } }, without('Capabilities'))).toEqual([]);
  });

  it('is opt-in in the spec: reported, failing a run only under --strict', () => {
    expect(model.invariants['echo-complete']?.strength).toBe('opt-in');
  });
});

describe('echo-complete against the emulator that drops GeoMatchParams from its answers', () => {
  it('is reported without failing the run, and fails it under --strict', async () => {
    const lenient = await runAgainst({ faults: ['drops-geo-match-params'] }, ['acceptance']);
    expect([...failedChecks(lenient.results)]).toEqual(['echo-complete (opt-in)']);
    expect(runFails(lenient.results)).toBe(false);
    const strict = await runAgainst({ faults: ['drops-geo-match-params'] }, ['acceptance'], { strict: true });
    expect([...failedChecks(strict.results)]).toEqual(['echo-complete']);
    expect(runFails(strict.results)).toBe(true);
  });
});
