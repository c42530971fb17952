import { connect } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { Agent, request as undiciRequest } from 'undici';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLOCK_CONTROL_PATH } from '../src/protocol/index.ts';
import { defaultOperation, type OperationModel } from '../src/spec/index.ts';
import { MAX_BODY_DEPTH } from './parseBody.ts';
import { DEFAULT_VOICE_CONNECTOR_ID, startEmulator, type RunningEmulator } from './startEmulator.ts';

/**
 * The reference emulator never answers a client's mistake with a 5xx (docs/emulator.md;
 * spec /oracle/malformedInput and /oracle/malformedHttp: the fault is the client's). fast-check sends
 * hostile HTTP/1.1 requests to a started emulator (a sixth of them, wrongly signed, to a second one that
 * checks SigV4) over a raw loopback socket, so that nothing between the generator and the server repairs
 * them: bodies (deep nesting, huge numbers, wrong types, invalid UTF-8, truncated JSON, NUL bytes),
 * headers (odd Content-Type, Content-Length lies, huge values within Node's 16 KiB header limit), methods,
 * paths (encoded, dot segments, very long, unknown; labels that name the run's own session too, so Get,
 * Update and Delete get hostile input) and the clock control. After every run: no answer was a 5xx, every
 * complete request was answered, the store holds exactly the sessions the run was answered 201 for (no
 * half-made session), and a valid create, a List of every connector (every stored session still renders)
 * and a clock reset still succeed. Across the whole run the heap, after a GC, stays within
 * HEAP_GROWTH_BOUND. The seed is fixed, so every run sends the same requests; on a failure fast-check
 * prints the seed, the path and the shrunk requests, and adding that `path` to the fc.assert options
 * replays just the failing case.
 */

const SEED = 20_261_207;
/** 1 to 3 requests a run, and the checks: 4 to 15 s on 2 cores, depending on what else runs. */
const RUNS = 500;
const WARM_UP_RUNS = 50;
/**
 * After GC, how far the heap may end above where it stood after the warm-up. Every run deletes what it
 * made, so nothing should stay; 1 to 5 MiB did in practice (fast-check's and vitest's own bookkeeping),
 * and a body of 64 KiB kept per request would pass 60 MiB.
 */
const HEAP_GROWTH_BOUND = 16 * 1024 * 1024;
/** A complete request left unanswered this long is a hang. */
const ANSWER_TIMEOUT_MS = 5_000;
/** How long an incomplete request (a Content-Length that promises more) is given to be answered early. */
const INCOMPLETE_GRACE_MS = 20;

const model = defaultOperation();
/** A second connector the hostile requests never name: the after-run probe creates its session there. */
const PROBE_CONNECTOR = 'conformance0probe00001';
const TARGET = DEFAULT_VOICE_CONNECTOR_ID;
const OPERATIONS: OperationModel[] = [model, ...Object.keys(model.spec.operations).filter((n) => n !== model.name).map((n) => model.operation(n))];
const { provision } = model.spec.lifecycle;

/** Test credentials of the second emulator, which checks SigV4: hostile requests reach it with a well-formed, wrong signature. */
const SIGNER = { accessKeyId: 'AKIDHOSTILEREQUESTS', secretAccessKey: 'hostile-requests-test-secret' };

let emulator: RunningEmulator;
let signing: RunningEmulator;
const agent = new Agent({ connections: 1 });
const ports = { plain: 0, signing: 0 };
/** The session on TARGET that is always there, so that no hostile DeleteVoiceConnector can take TARGET away. */
let anchorSessions: number;
/** In a target, stands for the id of the run's victim: a session made for the run, which its requests may read, update or delete. */
const VICTIM = '{victim}';
let victim = '';

beforeAll(async () => {
  emulator = await startEmulator({ clockControl: true, voiceConnectorIds: [TARGET, PROBE_CONNECTOR] });
  signing = await startEmulator({ clockControl: true, signatures: { credentials: [SIGNER] } });
  ports.plain = Number(new URL(emulator.url).port);
  ports.signing = Number(new URL(signing.url).port);
  expect((await call('POST', model.path({ VoiceConnectorId: TARGET }), validCreate(0))).status).toBe(201);
  anchorSessions = emulator.openSessions();
});

afterAll(async () => {
  await agent.close();
  await emulator?.close();
  await signing?.close();
});

it('answers hostile requests without a 5xx, keeps serving, leaves no half-made session, and keeps its heap flat', { timeout: 120_000 }, async () => {
  const gc = exposedGc();
  // Warm-up with another seed: ajv, the JIT and the sockets reach their steady state before the heap is measured.
  await fc.assert(fc.asyncProperty(hostileRun(), survives), { seed: SEED + 1, numRuns: WARM_UP_RUNS, interruptAfterTimeLimit: 20_000 });
  gc();
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  // A time limit far above the runs' own (about 10 s): it cuts shrinking short (a hang costs
  // ANSWER_TIMEOUT_MS an attempt), so that a failure is reported with its seed and path before vitest's timeout.
  await fc.assert(fc.asyncProperty(hostileRun(), survives), { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: 90_000 });
  const elapsed = performance.now() - started;
  gc();
  const growth = process.memoryUsage().heapUsed - before;
  console.log(`hostile requests: ${RUNS} runs (seed ${SEED}) in ${(elapsed / 1000).toFixed(1)} s; heap after GC ${growth >= 0 ? '+' : ''}${(growth / 1024 / 1024).toFixed(1)} MiB`);
  expect(growth).toBeLessThan(HEAP_GROWTH_BOUND);
});

/** One property run: the hostile requests in order, then the checks and the clean-up that make runs independent. */
async function survives(requests: HostileRequest[]): Promise<void> {
  let created = 0;
  let cleaned: { lists: number[]; clock: number } | undefined;
  try {
    const made = await call('POST', model.path({ VoiceConnectorId: TARGET }), validCreate(50));
    expect(made.status, made.text).toBe(201);
    victim = JSON.parse(made.text).ProxySession.ProxySessionId;
    for (const request of requests) {
      const answer = await send(request);
      for (const status of answer.statuses) expect(status, `a 5xx for ${String(request)}`).toBeLessThan(500);
      if (request.complete && request.method !== 'CONNECT') expect(answer.outcome, `no answer to ${String(request)}`).toBe('answered');
      // A 201 with a ProxySession is a create, or an update of the victim (the only session id the requests know).
      if (answer.final?.status === 201 && sessionIdIn(answer.final.body) !== victim && sessionIdIn(answer.final.body) !== undefined) created++;
    }
    // Asked, not inferred from a 204: Node answers garbage after a complete request with its own 400 in place
    // of the emulator's answer to that request (a DELETE that was carried out all the same).
    const victimDeleted = (await call('GET', model.operation('GetProxySession').path({ VoiceConnectorId: TARGET, ProxySessionId: victim }))).status === 404;
    // No half-made session: the store holds the anchor, the victim unless deleted, and exactly the sessions answered 201.
    expect(emulator.openSessions()).toBe(anchorSessions + (victimDeleted ? 0 : 1) + created);
    // Still serving, wherever the run left the clock.
    const probe = await call('POST', model.path({ VoiceConnectorId: PROBE_CONNECTOR }), validCreate(1));
    expect(probe.status, probe.text).toBe(201);
  } finally {
    cleaned = await cleanUp();
  }
  // Every stored session rendered (a List of each connector, before the clock went back), the clock could be put back, and only the anchor is left.
  expect(cleaned.lists.every((status) => status === 200), `List statuses ${cleaned.lists}`).toBe(true);
  expect(cleaned.clock).toBe(200);
  expect(emulator.openSessions()).toBe(anchorSessions);
  // No request without a valid signature changed anything there.
  expect(signing.openSessions()).toBe(0);
  expect(signing.voiceConnectors()).toEqual([DEFAULT_VOICE_CONNECTOR_ID]);
}

/**
 * Back to the state before the run: no session but the anchor, no connector but the two, TARGET's proxy
 * set-up, the clock at its base. Answers the status of each connector's List and of the clock reset.
 */
async function cleanUp(): Promise<{ lists: number[]; clock: number }> {
  const list = model.operation('ListProxySessions');
  const remove = model.operation('DeleteProxySession');
  const lists: number[] = [];
  for (const id of emulator.voiceConnectors()) {
    const answer = await call('GET', list.path({ VoiceConnectorId: id }));
    lists.push(answer.status);
    const sessions = (answer.status === 200 ? JSON.parse(answer.text).ProxySessions : []) as Array<{ ProxySessionId: string }>;
    // The anchor is TARGET's oldest session: the List answers in creation order.
    for (const s of id === TARGET ? sessions.slice(1) : sessions) await call('DELETE', remove.path({ VoiceConnectorId: id, ProxySessionId: s.ProxySessionId }));
    if (id !== TARGET && id !== PROBE_CONNECTOR) await call('DELETE', model.operation('DeleteVoiceConnector').path({ VoiceConnectorId: id }));
  }
  await call('PUT', model.operation('PutVoiceConnectorProxy').path({ VoiceConnectorId: TARGET }), JSON.stringify(provision.proxy));
  const clock = await call('POST', CLOCK_CONTROL_PATH, '{"offsetSeconds":0}');
  await call('POST', CLOCK_CONTROL_PATH, '{"offsetSeconds":0}', signing.url);
  return { lists, clock: clock.status };
}

// --- the hostile requests ---------------------------------------------------------------------------

type Framing = 'exact' | 'none' | 'chunked' | 'bad-chunked' | 'shorter' | 'longer' | 'garbage';

/** One raw HTTP/1.1 request; `toString` keeps fast-check's counterexample readable when a body is 60 KB. */
class HostileRequest {
  constructor(
    readonly method: string,
    readonly target: string,
    readonly version: string,
    readonly headers: ReadonlyArray<readonly [string, string]>,
    readonly body: Buffer,
    readonly framing: Framing,
    /** Sent to the emulator that checks signatures, signed well-formed but wrong (so it is re-signed and compared). */
    readonly signed: boolean,
  ) {}

  /** False when the request promises bytes it never sends: nobody is obliged to answer it. */
  get complete(): boolean {
    if (this.framing === 'longer' || (this.framing === 'garbage' && this.body.length === 0)) return false;
    // Node's own parser, for a request that asks to upgrade the protocol (Connection: upgrade and an
    // Upgrade header), waits for more of a broken chunked body instead of refusing it with 400 as it does
    // otherwise; the emulator never sees the body end (Node's requestTimeout answers it, minutes later).
    const has = (name: string, value = '') => this.headers.some(([n, v]) => n.toLowerCase() === name && v.toLowerCase().includes(value));
    return !(this.framing === 'bad-chunked' && has('connection', 'upgrade') && has('upgrade'));
  }

  wire(): Buffer {
    const framing: Array<[string, string]> = [];
    const chunks: Buffer[] = [this.body];
    switch (this.framing) {
      case 'exact':
        framing.push(['Content-Length', String(this.body.length)]);
        break;
      case 'shorter':
        framing.push(['Content-Length', String(Math.max(0, this.body.length - 1 - (this.body.length >> 2)))]);
        break;
      case 'longer':
        framing.push(['Content-Length', String(this.body.length + 1 + this.body.length)]);
        break;
      case 'garbage':
        framing.push(['Content-Length', this.body.length === 0 ? '12' : ['-1', 'abc', `${this.body.length}, ${this.body.length}`, '0x10', `+${this.body.length}`][this.body.length % 5]!]);
        break;
      case 'chunked':
      case 'bad-chunked':
        framing.push(['Transfer-Encoding', 'chunked']);
        chunks.splice(0, 1, ...(this.body.length > 0 ? [Buffer.from(`${this.body.length.toString(16)}\r\n`), this.body, Buffer.from('\r\n')] : []), Buffer.from(this.framing === 'chunked' ? '0\r\n\r\n' : 'zz\r\n'));
        break;
      case 'none':
        break;
    }
    const port = this.signed ? ports.signing : ports.plain;
    const head = [`${this.method} ${this.target.replaceAll(VICTIM, victim)} ${this.version}`, `Host: 127.0.0.1:${port}`, ...[...this.headers, ...framing, ...(this.signed ? wrongSignature(this.headers, framing) : [])].map(([n, v]) => `${n}: ${v}`)].join('\r\n');
    return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), ...chunks]);
  }

  [fc.toStringMethod](): string {
    return String(this);
  }

  toString(): string {
    const target = this.target.length > 120 ? `${this.target.slice(0, 120)}… (${this.target.length} chars)` : this.target;
    const headers = this.headers.map(([n, v]) => `${n}: ${v.length > 40 ? `${v.slice(0, 40)}… (${v.length} chars)` : v}`);
    const body = this.body.length > 160 ? `${JSON.stringify(this.body.subarray(0, 160).toString('latin1'))}… (${this.body.length} bytes)` : JSON.stringify(this.body.toString('latin1'));
    return `${this.signed ? '(wrongly signed) ' : ''}${this.method} ${target} ${this.version} [${headers.join('; ')}] framing=${this.framing} body=${body}`;
  }
}

/** X-Amz-Date (now) and an Authorization that signs every header sent, with a signature of zeros. */
function wrongSignature(...headerLists: ReadonlyArray<ReadonlyArray<readonly [string, string]>>): Array<[string, string]> {
  const date = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  const signed = [...new Set(['host', 'x-amz-date', ...headerLists.flat().map(([n]) => n.toLowerCase())])].sort().join(';');
  const credential = `${SIGNER.accessKeyId}/${date.slice(0, 8)}/us-east-1/${model.spec.service.signingName}/aws4_request`;
  return [
    ['X-Amz-Date', date],
    ['Authorization', `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=${signed}, Signature=${'0'.repeat(64)}`],
  ];
}

/** 1 to 3 requests: state a request leaves behind (a moved clock, a new connector) meets the next one. */
function hostileRun(): fc.Arbitrary<HostileRequest[]> {
  return fc.array(hostileRequest(), { minLength: 1, maxLength: 3 });
}

function hostileRequest(): fc.Arbitrary<HostileRequest> {
  const request = (line: fc.Arbitrary<{ method: string; target: string }>, body: fc.Arbitrary<Buffer>) =>
    fc
      .record({ line, version: version(), headers: headers(), body, framing: framing(), signed: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }) })
      .map((r) => new HostileRequest(r.line.method, r.line.target, r.version, r.headers, r.body, r.framing, r.signed));
  // Mostly an operation's own method on its own route, so that hostile bodies reach deserialisation.
  // CreateProxySession, the conformance target (spec /operation), a third of the time: it is where sessions are made.
  const operation = fc.oneof({ weight: 4, arbitrary: fc.constant(model) }, { weight: 8, arbitrary: fc.constantFrom(...OPERATIONS.slice(1)) }).chain((op) =>
    fc.record({ method: fc.oneof({ weight: 4, arbitrary: fc.constant(op.http.method) }, { weight: 1, arbitrary: method() }), target: routeTarget(op) }),
  );
  return fc.oneof(
    { weight: 6, arbitrary: request(operation, body()) },
    { weight: 2, arbitrary: request(fc.record({ method: fc.constantFrom('GET', 'POST', 'POST', 'PUT'), target: clockTarget() }), clockBody()) },
    { weight: 2, arbitrary: request(fc.record({ method: method(), target: oddTarget() }), body()) },
  );
}

function version(): fc.Arbitrary<string> {
  return fc.oneof({ weight: 8, arbitrary: fc.constant('HTTP/1.1') }, { weight: 1, arbitrary: fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/1.2', 'HTTP/0.9') });
}

function method(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...new Set(OPERATIONS.map((o) => o.http.method))) },
    { weight: 3, arbitrary: fc.constantFrom(...model.spec.oracle.malformedHttp.methods, 'HEAD', 'OPTIONS', 'TRACE') },
    { weight: 1, arbitrary: fc.constantFrom('get', 'PROPFIND', 'FOO', 'CONNECT', 'M-SEARCH', 'G E T', '') },
  );
}

function framing(): fc.Arbitrary<Framing> {
  return fc.oneof(
    { weight: 10, arbitrary: fc.constant<Framing>('exact') },
    { weight: 3, arbitrary: fc.constantFrom<Framing>('none', 'chunked', 'bad-chunked', 'shorter', 'longer', 'garbage') },
  );
}

function headers(): fc.Arbitrary<Array<[string, string]>> {
  const contentType = fc.constantFrom('application/json', 'application/json', 'application/x-amz-json-1.1', 'text/plain', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'multipart/form-data; boundary=x', '', ';;;', '*/*');
  // Node refuses a head over 16 KiB with 431: values up to 15,000 characters land on both sides of it.
  const extra: fc.Arbitrary<[string, string]> = fc.oneof(
    { weight: 1, arbitrary: fc.tuple(fc.constant('X-Junk'), fc.integer({ min: 1, max: 15_000 }).map((n) => 'j'.repeat(n))) },
    // Node answers an Expect it does not know with 417 before the emulator sees the request: only 100-continue here.
    { weight: 1, arbitrary: fc.constant<[string, string]>(['Expect', '100-continue']) },
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom('X-Amz-Date', 'Authorization', 'X-Amz-Security-Token', 'X-Amz-Content-Sha256', 'Accept', 'Connection', 'Upgrade', 'Content-Encoding', 'X-Amz-Target'), fc.oneof(
      fc.constantFrom('100-continue', 'close', 'keep-alive', 'upgrade', 'h2c', 'gzip', '20261340T250000Z', 'AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host, Signature=00', '*/*'),
      fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
    )) },
  );
  return fc.tuple(fc.option(contentType, { nil: undefined }), fc.array(extra, { maxLength: 3 })).map(([type, rest]) => [...(type === undefined ? [] : [['Content-Type', type] as [string, string]]), ...rest]);
}

/** The operation's route (its spec binding) with hostile labels and query. */
function routeTarget(operation: OperationModel): fc.Arbitrary<string> {
  return fc.tuple(fc.array(label(), { minLength: 2, maxLength: 2 }), query()).map(([labels, q]) => {
    let i = 0;
    return operation.http.uri.replace(/\{\w+\}/g, () => labels[i++]!) + q;
  });
}

function label(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(TARGET) },
    { weight: 2, arbitrary: fc.constant(VICTIM) },
    { weight: 2, arbitrary: fc.constantFrom('', '.', '..', '%2e%2e', '%2F', '%00', '%zz', '%', '%C3%28', '%E2%82', '%ED%A0%80', '%FF', '%20', TARGET.toUpperCase(), `${TARGET}%00`) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map(percentEncoded) },
    { weight: 1, arbitrary: fc.integer({ min: 129, max: 9_000 }).map((n) => 'a'.repeat(n)) },
    { weight: 1, arbitrary: fc.stringMatching(/^[!-~]{1,24}$/).map((s) => s.replace(/[\/?#]/g, '')) },
  );
}

function query(): fc.Arbitrary<string> {
  const names = ['max-results', 'next-token', 'status', 'x', ''];
  const values = fc.oneof(
    fc.constantFrom('1', '0', '-1', '100', '101', '1e400', '9'.repeat(400), '%zz', '', 'Open', 'Closed', 'open', '%00', '+1', ' 5', '0x10'),
    fc.constantFrom('after:1', 'after:0', 'after:999999999999999', 'after:9999999999999999999', 'after:-1', 'before:1').map((t) => Buffer.from(t).toString('base64url')),
    fc.string({ unit: 'binary', maxLength: 30 }).map(percentEncoded),
    fc.integer({ min: 1, max: 8_000 }).map((n) => 'Q'.repeat(n)),
  );
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant('') },
    { weight: 2, arbitrary: fc.array(fc.tuple(fc.constantFrom(...names), values), { minLength: 1, maxLength: 4 }).map((pairs) => `?${pairs.map(([n, v]) => `${n}=${v}`).join('&')}`) },
    { weight: 1, arbitrary: fc.constantFrom('?', '?&&&', '?=', '?max-results', '?status=Open&status=Closed', '#frag', '?a=%', '?next-token=%ZZ') },
  );
}

function clockTarget(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(CLOCK_CONTROL_PATH) },
    { weight: 1, arbitrary: fc.constantFrom(`${CLOCK_CONTROL_PATH}?advanceSeconds=1e16`, `${CLOCK_CONTROL_PATH}/`, `/${CLOCK_CONTROL_PATH}`, CLOCK_CONTROL_PATH.replace('clock', '%63lock'), `http://127.0.0.1${CLOCK_CONTROL_PATH}`, `${CLOCK_CONTROL_PATH}#x`) },
  );
}

/** Paths no operation binds, or binds only after normalisation the emulator does not do. */
function oddTarget(): fc.Arbitrary<string> {
  const route = model.path({ VoiceConnectorId: TARGET });
  return fc.oneof(
    fc.constantFrom('/', '*', '//', '/voice-connectors', '/voice-connectors/', `/./${route.slice(1)}`, `${route}/..`, `${route}/.`, route.replace('/proxy-sessions', '/./proxy-sessions'), `/voice-connectors/${TARGET}/../${TARGET}/proxy-sessions`, `/${model.spec.oracle.malformedHttp.unknownPathSegment}`, `http://127.0.0.1${route}`, `HTTP://[::1]${route}`, `${route}%2F`, route.replaceAll('/', '%2F'), `${route}//`),
    fc.integer({ min: 1, max: 6_500 }).map((n) => `/${'x/'.repeat(n)}`),
    fc.array(fc.constantFrom('.', '..', '%2e', '%2E%2E', 'voice-connectors', TARGET, 'proxy-sessions', '', '%00', '~', '_conformance', 'clock'), { maxLength: 8 }).map((segments) => `/${segments.join('/')}`),
    fc.string({ unit: 'binary', maxLength: 60 }).map((s) => `/${percentEncoded(s)}`),
  );
}

/** Request bodies: valid-looking JSON with hostile values, deep nesting, broken bytes, truncation, sheer size. */
function body(): fc.Arbitrary<Buffer> {
  const text = (t: fc.Arbitrary<string>) => t.map((s) => Buffer.from(s, 'utf8'));
  return fc.oneof(
    { weight: 8, arbitrary: text(jsonObject()) },
    { weight: 4, arbitrary: text(deepBody()) },
    { weight: 2, arbitrary: fc.tuple(jsonObject(), fc.nat(), fc.constantFrom([0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0x00], [0xf8, 0x88, 0x80, 0x80, 0x80])).map(([t, at, bytes]) => spliced(Buffer.from(t), at, Buffer.from(bytes))) },
    { weight: 2, arbitrary: fc.tuple(jsonObject(), fc.nat()).map(([t, at]) => Buffer.from(t.slice(0, at % Math.max(1, t.length)))) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2_000 }).map((a) => Buffer.from(a)) },
    { weight: 1, arbitrary: text(fc.constantFrom('', ' ', '\r\n', 'null', '[]', '0', '"x"', 'true', '{}{}', '{} x', '\ufeff{}', '{"a":1,}', "{'a':1}", '{"a":01}', '{"a":NaN}', '{"a":Infinity}', '{"a":"\\ud800"}', '{"__proto__":{"x":1}}', '{"a":"\u0000"}')) },
    { weight: 1, arbitrary: text(bigBody()) },
  );
}

/** A JSON object of spec body members and junk keys, each with a valid-looking or a hostile value. */
function jsonObject(): fc.Arbitrary<string> {
  const members = [...new Set(OPERATIONS.flatMap((o) => Object.keys(o.bodyMembers)))];
  const key = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...members) }, { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', '', 'x'.repeat(300), 'ProxySession') });
  const entry = key.chain((k) => fc.tuple(fc.constant(k), fc.oneof({ weight: 3, arbitrary: plausibleValue(k) }, { weight: 2, arbitrary: hostileValue() })));
  const entries = fc.oneof(
    // A create that validates, with at most one member replaced: the path where a session is made.
    { weight: 3, arbitrary: fc.tuple(fc.nat(98), fc.option(entry, { nil: undefined })).map(([n, e]) => [...Object.entries(JSON.parse(validCreate(n))).map(([k, v]) => [k, JSON.stringify(v)] as [string, string]), ...(e ? [e] : [])]) },
    { weight: 2, arbitrary: fc.array(entry, { maxLength: 8 }) },
  );
  return entries.map((list) => `{${list.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`);
}

/** Values that pass validation for the member, as far as this test knows it (the spec's provision bodies and enums). */
function plausibleValue(member: string): fc.Arbitrary<string> {
  const known: Record<string, string[]> = {
    ParticipantPhoneNumbers: [JSON.parse(validCreate(7)).ParticipantPhoneNumbers, ['+12065550100', '12065550100'], ['+12065550101', '+12065550101']].map((v) => JSON.stringify(v)),
    Capabilities: ['["Voice"]', '["SMS"]', '["Voice","SMS"]', '[]', '["Voice","Voice"]'],
    ExpiryMinutes: ['1', '720', '721', '1e300', '2147483648', '1.0'],
    Name: ['"fuzz"', '""', '"a b c"'],
    GeoMatchParams: ['{"Country":"US","AreaCode":"206"}', '{"Country":"","AreaCode":""}'],
    DefaultSessionExpiryMinutes: ['60', '1', '0', '1e300'],
    PhoneNumberPoolCountries: ['["US"]'],
    FallBackPhoneNumber: ['"+12065550100"'],
    Disabled: ['false', 'true'],
    RequireEncryption: ['true'],
    Tags: ['[{"Key":"k","Value":"v"}]'],
  };
  const shape = OPERATIONS.map((o) => (Object.hasOwn(o.bodyMembers, member) ? o.bodyMembers[member] : undefined)).find((m) => m !== undefined);
  const target = shape === undefined ? undefined : model.shape(shape.target);
  const enumValues = target?.type === 'enum' ? target.values.map((v) => JSON.stringify(v)) : [];
  const values = [...(Object.hasOwn(known, member) ? known[member]! : []), ...enumValues];
  return values.length > 0 ? fc.constantFrom(...values) : hostileValue();
}

function hostileValue(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.json({ maxDepth: 3 }),
    fc.constantFrom('1e400', '-1e400', '1e-400', '-0', '9007199254740993', '1'.repeat(400), '0.1e999999999', '123456789012345678901234567890e-5'),
    fc.constantFrom('"\\u0000"', '"\\ud800"', '"\\udfff\\ud800"', '"+1206\\u0000555"', `"${'9'.repeat(3000)}"`),
    fc.double().map((d) => String(d)),
    fc.integer({ min: 1, max: 3_000 }).map((d) => nested(d, 'mixed', '1')),
  );
}

/** Nesting around the limit and far past it, at the top or as one member's value, within the size limit or beyond it. */
function deepBody(): fc.Arbitrary<string> {
  const depth = fc.oneof(
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 }) },
    { weight: 1, arbitrary: fc.integer({ min: MAX_BODY_DEPTH - 4, max: MAX_BODY_DEPTH + 4 }) },
    // 4,000 levels of objects overflowed the stack before there was a limit; 10,900 still fit in 64 KiB.
    { weight: 3, arbitrary: fc.integer({ min: 1_000, max: 12_000 }) },
  );
  const kind = fc.oneof({ weight: 3, arbitrary: fc.constant<NestingKind>('object') }, { weight: 1, arbitrary: fc.constantFrom<NestingKind>('array', 'mixed') });
  return fc.tuple(depth, kind, fc.constantFrom('top', 'top', 'GeoMatchParams', 'Name', 'Unknown', 'Unknown', 'unclosed'), fc.nat(98)).map(([d, k, where, n]) => {
    if (where === 'top') return nested(d, k, '{}');
    if (where === 'unclosed') return nested(d, k, '1').slice(0, -1);
    const create = JSON.parse(validCreate(n)) as Record<string, unknown>;
    return JSON.stringify({ ...create, [where]: '§' }).replace('"§"', nested(d, k, 'null'));
  });
}

function bigBody(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.integer({ min: 1, max: 6_000 }).map((n) => `{${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')}}`),
    fc.integer({ min: 3, max: 12_000 }).map((n) => JSON.stringify({ ...JSON.parse(validCreate(2)), ParticipantPhoneNumbers: Array.from({ length: n }, (_, i) => `+1206555${String(100 + (i % 100)).padStart(4, '0')}`) })),
    fc.integer({ min: 31, max: 70_000 }).map((n) => JSON.stringify({ ...JSON.parse(validCreate(3)), Name: 'n'.repeat(n) })),
  );
}

function clockBody(): fc.Arbitrary<Buffer> {
  const number = fc.oneof(
    fc.constantFrom('1e16', '1e308', '-1e308', '1e400', '-1e400', '8.64e12', '-8.64e12', '253402214400', '253402300799', '253402300800', '2.5e11', '-2.5e11', '0', '-0', '1e-400', '0.5', '-1', '60', '86400', '9007199254740993'),
    fc.double().map((d) => String(d)),
    fc.integer().map(String),
    fc.constantFrom('"60"', 'null', 'true', '[]', '{}', '[60]'),
  );
  return fc
    .oneof(
      { weight: 4, arbitrary: fc.tuple(fc.constantFrom('advanceSeconds', 'offsetSeconds'), number).map(([k, n]) => `{"${k}":${n}}`) },
      { weight: 1, arbitrary: fc.tuple(number, number).map(([a, o]) => `{"advanceSeconds":${a},"offsetSeconds":${o}}`) },
      { weight: 1, arbitrary: deepBody() },
      { weight: 1, arbitrary: fc.constantFrom('', '{', 'null', '[]', '"advanceSeconds"', '{"advanceSeconds":1}{"advanceSeconds":1e16}', '\ufeff{"advanceSeconds":1}') },
    )
    .map((s) => Buffer.from(s, 'utf8'));
}

type NestingKind = 'object' | 'array' | 'mixed';

function nested(depth: number, kind: NestingKind, inner: string): string {
  const open = (i: number) => (kind === 'array' || (kind === 'mixed' && i % 2 === 1) ? '[' : '{"a":');
  const close = (i: number) => (kind === 'array' || (kind === 'mixed' && i % 2 === 1) ? ']' : '}');
  let head = '';
  let tail = '';
  for (let i = 0; i < depth; i++) {
    head += open(i);
    tail = close(i) + tail;
  }
  return head + inner + tail;
}

/** Every byte of the UTF-8 form percent-encoded (lone surrogates become U+FFFD, as a client would send them). */
function percentEncoded(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

function spliced(bytes: Buffer, at: number, insert: Buffer): Buffer {
  const i = at % (bytes.length + 1);
  return Buffer.concat([bytes.subarray(0, i), insert, bytes.subarray(i)]);
}

/** A CreateProxySession body that validates: two fictional NANP numbers (spec E164PhoneNumber fictional, 555-01xx), `n` picks them. */
function validCreate(n: number): string {
  const number = (i: number) => `+1206555${String(100 + (i % 100)).padStart(4, '0')}`;
  return JSON.stringify({ ParticipantPhoneNumbers: [number(n), number(n + 1)], Capabilities: ['Voice'] });
}

// --- the wire --------------------------------------------------------------------------------------

interface Answer {
  /** Every status line read, informational ones included. */
  statuses: number[];
  /** The final (non-1xx) response, when a whole one arrived. */
  final?: { status: number; body: string };
  /** answered: a final response arrived; closed: the server closed without one; waiting: neither in time. */
  outcome: 'answered' | 'closed' | 'waiting';
}

/** Writes the raw request and reads up to its final response (1xx responses are skipped). */
function send(request: HostileRequest): Promise<Answer> {
  return new Promise((resolve) => {
    const socket = connect(request.signed ? ports.signing : ports.plain, '127.0.0.1');
    let data = Buffer.alloc(0);
    let settled = false;
    const finish = (outcome: Answer['outcome']) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...readResponses(data, request.method), outcome });
    };
    const timer = setTimeout(() => finish('waiting'), request.complete ? ANSWER_TIMEOUT_MS : INCOMPLETE_GRACE_MS);
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      if (readResponses(data, request.method).final) finish('answered');
    });
    socket.on('error', () => finish('closed'));
    socket.on('close', () => finish(readResponses(data, request.method).final ? 'answered' : 'closed'));
    socket.write(request.wire());
  });
}

/** The status lines in `data`, and the final response once all of it is in (its body by Content-Length). */
function readResponses(data: Buffer, method: string): Pick<Answer, 'statuses' | 'final'> {
  const statuses: number[] = [];
  let at = 0;
  for (;;) {
    const end = data.indexOf('\r\n\r\n', at);
    if (end < 0) return { statuses };
    const head = data.subarray(at, end).toString('latin1');
    const status = Number(/^HTTP\/\d\.\d (\d{3})/.exec(head)?.[1] ?? 0);
    statuses.push(status);
    at = end + 4;
    if (status >= 100 && status < 200) continue;
    const length = method === 'HEAD' || status === 204 || status === 304 ? 0 : Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    const body = data.subarray(at, at + length);
    return body.length < length ? { statuses } : { statuses, final: { status, body: body.toString('utf8') } };
  }
}

/** The ProxySessionId of an answer's ProxySession, if it has one. */
function sessionIdIn(body: string): string | undefined {
  try {
    const id: unknown = JSON.parse(body)?.ProxySession?.ProxySessionId;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** One well-formed request, for the checks and the clean-up (undici on one keep-alive agent: a fraction of fetch's cost). */
async function call(method: string, path: string, body?: string, base = emulator.url): Promise<{ status: number; text: string }> {
  const res = await undiciRequest(base + path, { method: method as 'GET', dispatcher: agent, ...(body !== undefined ? { body, headers: { 'content-type': 'application/json' } } : {}) });
  return { status: res.statusCode, text: await res.body.text() };
}

/** V8's gc(), exposed at run time so that the test needs no node flag. */
function exposedGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
