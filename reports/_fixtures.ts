// Hand-made RunReports for the reporter tests. Private to reports/: reporters are tested on their only
// input, never on a real run, so these tests need no endpoint, emulator or generator.
import type { CheckSummary, FailureRecord, KnownFailure, RunReport, SuiteSummary } from '../src/model/report.ts';
import { finish } from './finish.ts';

const ENDPOINT = 'http://127.0.0.1:43817';
const CONNECTOR = 'abcdefghijklmnopqrstu1';
const URL = `${ENDPOINT}/voice-connectors/${CONNECTOR}/proxy-sessions`;

/** Every C0 control character, then the characters XML and shells care about. */
export const HOSTILE = `${Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('')}<&"'>]]>\u001b[31mred\u009b\u202e`;

function suite(name: string, title: string, cases: number, extra: Partial<SuiteSummary> = {}): SuiteSummary {
  return {
    suite: name,
    title,
    cases,
    requests: cases,
    durationMs: cases * 11,
    latencyMs: { p50: 3, p90: 7, p99: 19, max: 42 },
    ...extra,
  };
}

function check(fields: Pick<CheckSummary, 'suite' | 'check' | 'title' | 'concern' | 'strength'> & Partial<CheckSummary>): CheckSummary {
  const cases = fields.cases ?? 100;
  const failed = fields.failed ?? 0;
  const skipped = fields.skipped ?? 0;
  return { cases, passed: cases - failed - skipped, failed, skipped, failures: [], ...fields };
}

function base(): Omit<RunReport, 'verdict' | 'suites' | 'checks' | 'totals' | 'errors'> {
  return {
    tool: { name: 'conformance', version: '0.1.0' },
    operation: 'CreateProxySession',
    endpoint: ENDPOINT,
    target: 'embedded',
    voiceConnectorId: CONNECTOR,
    seed: 1_234_567,
    runs: 100,
    startedAt: '2026-01-15T09:30:00.000Z',
    durationMs: 4_210,
  };
}

function totals(checks: CheckSummary[], suites: SuiteSummary[]): RunReport['totals'] {
  return {
    checks: checks.length,
    failedChecks: checks.filter((c) => c.failed > 0 && c.strength === 'required').length,
    advisoryFindings: checks.filter((c) => c.strength === 'advisory').reduce((n, c) => n + c.failed, 0),
    cases: suites.reduce((n, s) => n + s.cases, 0),
    requests: suites.reduce((n, s) => n + s.requests, 0),
  };
}

function passingChecks(): CheckSummary[] {
  return [
    check({ suite: 'valid', check: 'transport.complete', title: 'Every request gets a complete answer', concern: 'transport', strength: 'required' }),
    check({ suite: 'valid', check: 'status.accept-201', title: 'Valid requests are created with 201', concern: 'status', strength: 'required' }),
    check({ suite: 'valid', check: 'schema.output', title: 'The 201 body matches CreateProxySessionResponse', concern: 'response-schema', strength: 'required' }),
    check({ suite: 'valid', check: 'invariant.two-participants', title: 'Exactly two participants', concern: 'invariants', strength: 'required' }),
    check({ suite: 'invalid', check: 'error.shape', title: 'Error bodies are {Code, Message} with x-amzn-ErrorType', concern: 'error-contract', strength: 'required' }),
    check({ suite: 'cross', check: 'invariant.distinct-proxy-numbers', title: 'A participant gets a different proxy number per open session', concern: 'cross-session', strength: 'required', cases: 20 }),
    // Applies to no case of this run: skipped entirely (JUnit <skipped/>).
    check({ suite: 'valid', check: 'invariant.geo-match', title: 'Proxy numbers follow GeoMatchParams', concern: 'invariants', strength: 'advisory', cases: 0 }),
  ];
}

/** Everything holds. */
export function passingReport(): RunReport {
  const suites = [suite('valid', 'Valid requests are accepted', 100), suite('invalid', 'Invalid requests are rejected', 100), suite('cross', 'Several open sessions', 20)];
  const checks = passingChecks();
  return { ...base(), verdict: 'pass', suites, checks, totals: totals(checks, suites), errors: [] };
}

/**
 * A passing run of a CI gate that chose what to run: `error.shape` excluded (--exclude-check), a --family
 * glob, and stopped early by --time-budget (each suite with its notice).
 */
export function gatedReport(): RunReport {
  const report = passingReport();
  report.checks = report.checks.map((c) => (c.check === 'error.shape' ? { ...c, cases: 0, passed: 0, failed: 0, skipped: 100, excluded: 'excluded by --exclude-check' } : c));
  report.familySelection = { pattern: 'invalid.Name.*', selected: ['invalid.Name.pattern', 'invalid.Name.type'], notSelected: ['valid.random', 'cross.ring'] };
  report.stoppedEarly = { by: 'time-budget', message: 'the time budget was spent (--time-budget 2 s): no new case was started after it; what ran is judged' };
  report.suites = report.suites.map((s, i) => ({ ...s, notice: i === 0 ? report.stoppedEarly!.message : 'the run stopped before this suite started (--time-budget)' }));
  report.totals = totals(report.checks, report.suites);
  return report;
}

const statusFailure: FailureRecord = {
  id: 'f-7c2e91a0',
  check: 'status.reject-400',
  family: 'invalid/Name#pattern',
  caseTitle: "Name breaks @pattern: contains '!'",
  message: 'expected 400 BadRequestException for a request that breaks Name#pattern, got 201',
  path: 'status',
  expected: { status: 400, errorType: 'BadRequestException' },
  actual: { status: 201 },
  seed: 987_654,
  replayPath: '12:0:3',
  shrunk: true,
  request: {
    method: 'POST',
    url: URL,
    headers: { 'content-type': 'application/json' },
    body: '{"ParticipantPhoneNumbers":["+12065550100","+12065550101"],"Capabilities":["Voice"],"Name":"a!"}',
  },
  response: {
    status: 201,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': '6a1f0c9e-0b7d-4f55-9c41-2d0f1c3b8e11', 'x-powered-by': 'nobody-reads-this' },
    body: '{"ProxySession":{"ProxySessionId":"ps-1","VoiceConnectorId":"abcdefghijklmnopqrstu1","Name":"a!","Status":"Open"}}',
  },
  curl: `curl -sS -i -X POST -H 'content-type: application/json' --data-binary '{"ParticipantPhoneNumbers":["+12065550100","+12065550101"],"Capabilities":["Voice"],"Name":"a!"}' ${URL}`,
  replay: `npx conformance --endpoint ${ENDPOINT} --voice-connector-id ${CONNECTOR} --family 'invalid/Name#pattern' --seed 987654 --path 12:0:3`,
};

const hostileBody = JSON.stringify({ Code: 'BadRequestException', Message: `bad ${HOSTILE}` }).replace('}', `,"raw":"${HOSTILE}"}`);

const errorShapeFailure: FailureRecord = {
  id: 'f-03bd55e2',
  check: 'error.shape',
  family: 'invalid/ExpiryMinutes#range',
  caseTitle: 'ExpiryMinutes breaks @range: 0',
  message: `error body is not {Code, Message}: unexpected member "raw" ${HOSTILE}`,
  path: 'body',
  expected: { Code: 'BadRequestException', Message: '<string>' },
  actual: { Code: 'BadRequestException', Message: `bad ${HOSTILE}`, raw: HOSTILE },
  seed: 987_654,
  replayPath: '4:1',
  shrunk: true,
  request: {
    method: 'POST',
    url: URL,
    headers: { 'content-type': 'application/json' },
    body: '{"ParticipantPhoneNumbers":["+12065550100","+12065550101"],"Capabilities":["Voice"],"ExpiryMinutes":0}',
  },
  response: {
    status: 400,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': `BadRequestException:http://internal.amazon.com/coral/${HOSTILE}`, 'x-amzn-requestid': 'b7c1' },
    body: hostileBody + ' '.repeat(10) + 'x'.repeat(3000),
  },
  curl: `curl -sS -i -X POST -H 'content-type: application/json' --data-binary '{"ParticipantPhoneNumbers":["+12065550100","+12065550101"],"Capabilities":["Voice"],"ExpiryMinutes":0}' ${URL}`,
  replay: `npx conformance --endpoint ${ENDPOINT} --voice-connector-id ${CONNECTOR} --family 'invalid/ExpiryMinutes#range' --seed 987654 --path 4:1`,
};

const hangFailure: FailureRecord = {
  id: 'f-5590d1c4',
  check: 'transport.complete',
  family: 'unspecified/expiry-above-720',
  caseTitle: 'ExpiryMinutes above 720 (no documented maximum)',
  message: 'no complete response within 5000 ms',
  path: 'transport',
  expected: 'a complete HTTP response',
  actual: { kind: 'timeout' },
  seed: 4_242,
  replayPath: '0',
  shrunk: false,
  request: {
    method: 'POST',
    url: URL,
    headers: { 'content-type': 'application/json' },
    body: '{"ParticipantPhoneNumbers":["+12065550100","+12065550101"],"Capabilities":["Voice","Text"],"ExpiryMinutes":100000}',
  },
  transport: { kind: 'timeout', message: 'Headers Timeout Error (UND_ERR_HEADERS_TIMEOUT)', elapsedMs: 5_003 },
  curl: `curl -sS -i -X POST -H 'content-type: application/json' --data-binary '{"ParticipantPhoneNumbers":["+12065550100","+12065550101"],"Capabilities":["Voice","Text"],"ExpiryMinutes":100000}' ${URL}`,
  replay: `npx conformance --endpoint ${ENDPOINT} --voice-connector-id ${CONNECTOR} --family unspecified/expiry-above-720 --seed 4242 --path 0`,
};

const optInFailure: FailureRecord = {
  ...statusFailure,
  id: 'f-11aa22bb',
  check: 'invariant.proxy-numbers-differ-within-session',
  family: 'valid/minimal',
  caseTitle: 'Two participants, Voice only',
  message: 'both participants got proxy number +12065550199',
  path: 'body/ProxySession/Participants',
  expected: 'two different ProxyPhoneNumbers',
  actual: ['+12065550199', '+12065550199'],
  replayPath: '7',
  replay: `npx conformance --endpoint ${ENDPOINT} --voice-connector-id ${CONNECTOR} --family valid/minimal --seed 987654 --path 7 --strict`,
};

const advisoryFinding: FailureRecord = {
  ...statusFailure,
  id: 'f-9f00e1d2',
  check: 'invariant.geo-match',
  family: 'valid/geo-match',
  caseTitle: 'GeoMatchLevel AreaCode, US/206',
  message: 'proxy number +13125550150 is not in area code 206',
  path: 'body/ProxySession/Participants/0/ProxyPhoneNumber',
  expected: 'area code 206',
  actual: '+13125550150',
  replayPath: '31',
  replay: `npx conformance --endpoint ${ENDPOINT} --voice-connector-id ${CONNECTOR} --family valid/geo-match --seed 987654 --path 31`,
};

/**
 * A run that fails: a required status check (with a second, hostile example), the error-contract check
 * whose response body is full of `<&"'` and every C0 control character, a transport timeout, a failing
 * opt-in check and an advisory finding.
 */
export function failingReport(): RunReport {
  const suites = [
    suite('valid', 'Valid requests are accepted', 100),
    suite('invalid', 'Invalid requests are rejected', 100),
    suite('unspecified', 'Undocumented but model-valid requests', 40),
  ];
  const [transport, accept, schema, twoParticipants, , , geo] = passingChecks() as [CheckSummary, CheckSummary, CheckSummary, CheckSummary, CheckSummary, CheckSummary, CheckSummary];
  const checks: CheckSummary[] = [
    transport,
    { ...transport, suite: 'unspecified', cases: 40, passed: 39, failed: 1, failures: [hangFailure] },
    accept,
    check({
      suite: 'invalid',
      check: 'status.reject-400',
      title: 'Requests that break one constraint get 400',
      concern: 'status',
      strength: 'required',
      failed: 17,
      failures: [statusFailure, { ...statusFailure, id: 'f-7c2e91a1', shrunk: false, replayPath: '12:0', caseTitle: `Name ${HOSTILE}` }],
    }),
    schema,
    twoParticipants,
    check({
      suite: 'valid',
      check: 'invariant.proxy-numbers-differ-within-session',
      title: 'The two participants get different proxy numbers (strict)',
      concern: 'invariants',
      strength: 'opt-in',
      failed: 3,
      failures: [optInFailure],
    }),
    { ...geo, cases: 50, passed: 48, failed: 2, failures: [advisoryFinding, { ...advisoryFinding, id: 'f-9f00e1d3' }] },
    check({
      suite: 'invalid',
      check: 'error.shape',
      title: 'Error bodies are {Code, Message} with x-amzn-ErrorType',
      concern: 'error-contract',
      strength: 'required',
      failed: 1,
      failures: [errorShapeFailure],
    }),
  ];
  return { ...base(), verdict: 'fail', suites, checks, totals: totals(checks, suites), errors: [] };
}

/** A run that could not complete: a suite crashed (its message is hostile too). */
export function erroredReport(): RunReport {
  const report = passingReport();
  const crash = `suite cross crashed: EndpointUnreachableError: connect ECONNREFUSED 127.0.0.1:43817 ${HOSTILE}\n    at sendRequest (src/protocol/sendRequest.ts:42:11)`;
  const suites = report.suites.map((s) => (s.suite === 'cross' ? { ...s, error: crash } : s));
  return { ...report, verdict: 'error', suites, errors: [crash, 'deadline of 600 s reached'] };
}

const SESSION_URL = `${URL}/ps-41`;

/** A lifecycle sequence that fails delete-then-not-found: create, delete (204), then Get still finds it. */
const sequenceFailure: FailureRecord = {
  id: 'f-5e0c4a11',
  check: 'delete-then-not-found',
  family: 'lifecycle.sequences',
  caseTitle: 'a sequence of 3 lifecycle calls',
  message: 'GetProxySession of a deleted session answered 200 instead of 404 NotFoundException',
  path: 'step 3',
  expected: { status: 404, errorType: 'NotFoundException' },
  actual: { status: 200 },
  seed: 31_337,
  replayPath: '5:2:0',
  shrunk: true,
  sequence: [
    {
      step: 1,
      title: `CreateProxySession +12065550100,+12065550101 [Voice] ${HOSTILE}`,
      operation: 'CreateProxySession',
      request: { method: 'POST', url: URL, headers: { 'content-type': 'application/json' }, body: '{"ParticipantPhoneNumbers":["+12065550100","+12065550101"],"Capabilities":["Voice"]}' },
      response: { status: 201, headers: { 'content-type': 'application/json' }, body: '{"ProxySession":{"ProxySessionId":"ps-41","Status":"Open"}}' },
      curl: `curl -sS -i -X POST ${URL}`,
    },
    {
      step: 2,
      title: 'DeleteProxySession ps-41',
      operation: 'DeleteProxySession',
      request: { method: 'DELETE', url: SESSION_URL, headers: {} },
      response: { status: 204, headers: {}, body: '' },
      curl: `curl -sS -i -X DELETE ${SESSION_URL}`,
    },
    {
      step: 3,
      title: 'GetProxySession ps-41',
      operation: 'GetProxySession',
      request: { method: 'GET', url: SESSION_URL, headers: {} },
      response: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"ProxySession":{"ProxySessionId":"ps-41","Status":"Open"}}' },
      curl: `curl -sS -i ${SESSION_URL}`,
      consistencyRetries: 4,
    },
  ],
  request: { method: 'GET', url: SESSION_URL, headers: {} },
  response: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"ProxySession":{"ProxySessionId":"ps-41","Status":"Open"}}' },
  curl: `curl -sS -i ${SESSION_URL}`,
  replay: `npx conformance --endpoint ${ENDPOINT} --voice-connector-id ${CONNECTOR} --family lifecycle.sequences --seed 31337 --path 5:2:0`,
};

/** A run whose lifecycle suite found a failing sequence (shown as a numbered list of calls). */
export function sequenceReport(): RunReport {
  const suites = [suite('lifecycle', 'lifecycle: sequences of calls against a model', 25, { consistencyRetries: 4 })];
  const checks = [
    check({ suite: 'lifecycle', check: 'delete-then-not-found', title: 'a deleted session is gone', concern: 'invariants', strength: 'required', cases: 25, failed: 1, failures: [sequenceFailure] }),
  ];
  return { ...base(), verdict: 'fail', suites, checks, totals: totals(checks, suites), errors: [] };
}

/** The fingerprints of baselineReport()'s new failure and of its known one. */
export const NEW_PRINT = '0a1b2c3d4e5f';
export const KNOWN_PRINT = 'f5e4d3c2b1a0';

/**
 * The `invalid` suite of failingReport() judged against a baseline: status.reject-400 fails with a new
 * fingerprint, error.shape only with one the baseline lists (with a reason); verdict and totals by finish().
 */
export function baselineReport(): RunReport {
  const base = failingReport();
  const fingerprinted = (check: string, fingerprint: string, known?: KnownFailure): CheckSummary => {
    const c = base.checks.find((x) => x.suite === 'invalid' && x.check === check)!;
    const f = c.failures[0]!;
    const print = { fingerprint, check, operation: base.operation, family: f.family, answer: `${f.response!.status} application/json`, cases: c.failed, ...(known ? { known } : {}) };
    return { ...c, failures: [{ ...f, fingerprint }], fingerprints: [print] };
  };
  const checks = [fingerprinted('status.reject-400', NEW_PRINT), fingerprinted('error.shape', KNOWN_PRINT, { match: 'fingerprint', reason: 'emulator bug #12' })];
  const suites = base.suites.filter((s) => s.suite === 'invalid');
  return finish({ ...base, baseline: { file: 'baseline.yaml', fixed: [], notRun: 0 } }, suites, checks, [], base.durationMs);
}
