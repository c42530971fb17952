import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import {
  ChimeSDKVoiceClient,
  CreateProxySessionCommand,
  DeleteProxySessionCommand,
  ForbiddenException,
  GetProxySessionCommand,
  ListProxySessionsCommand,
  NotFoundException,
  UpdateProxySessionCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServeArgs, TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from '../cli/commands/serve.ts';
import { serveBanner } from '../cli/commands/serveBanner.ts';
import { DEFAULT_VOICE_CONNECTOR_ID } from '../emulator/index.ts';
import { UsageError } from '../src/errors.ts';

/**
 * `conformance serve` as its users run it: `node bin/conformance.js serve` in a child process, driven by
 * the official JS SDK and by the AWS CLI (Debian's awscli at /usr/bin/aws), including the examples the
 * start-up banner prints, run exactly as printed.
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'conformance.js');
const AWS = '/usr/bin/aws';
/** CI installs awscli (.ci/run), so there a missing CLI is a failure; elsewhere it is a skip that says why. */
const skipAws = !existsSync(AWS) && process.env.CI !== 'true';
if (skipAws) console.warn(`test/serve.test.ts: SKIPPING the AWS CLI tests: ${AWS} is missing (apt-get install awscli). CI runs them.`);

// Fictional NANP 555-01xx numbers only.
const A = '+12065550100';
const B = '+12065550101';
const C = '+12065550102';
const D = '+12065550103';

interface Served {
  child: ChildProcess;
  url: string;
  port: number;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcess[] = [];
afterAll(() => {
  // Only our own children, by their handle; a passing test has already stopped its server.
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function run(args: string[]): { child: ChildProcess; stdout: () => string; stderr: () => string; exit: Served['exit'] } {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: root,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, exit };
}

/** Starts `conformance serve --port 0 ...args` and waits for its `listening on URL` line. */
async function serve(args: string[] = []): Promise<Served> {
  const started = run(['serve', '--port', '0', ...args]);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not print "listening on" within 30 s; stderr: ${started.stderr()}`)), 30_000);
    const look = () => {
      const match = /^listening on (http:\/\/\S+)$/m.exec(started.stdout());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    started.child.stdout!.on('data', look);
    void started.exit.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before listening; stderr: ${started.stderr()}`));
    });
  });
  return { ...started, url, port: Number(new URL(url).port) };
}

/** Stops a server with `signal` and returns how it exited. */
async function stop(served: Served, signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  served.child.kill(signal);
  return served.exit;
}

/** A block of the banner: the lines indented by 4 spaces under the heading that starts with `heading`. */
function bannerBlock(stdout: string, heading: string): string {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith(heading));
  expect(start, `the banner has a "${heading}" block:\n${stdout}`).toBeGreaterThanOrEqual(0);
  const block: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('    ')) break;
    block.push(line.slice(4));
  }
  return block.join('\n');
}

function exec(file: string, args: string[], env: Record<string, string>, input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // stdin is /dev/null unless there is input: bash treats a socket on stdin as a remote shell and reads bashrc.
    const child = spawn(file, args, { cwd: root, env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (input !== undefined) child.stdin!.end(input);
  });
}

/**
 * The AWS CLI with nothing from this machine's AWS set-up: only the given keys, no config or credentials
 * files, no instance metadata, no pager, /usr/bin first on PATH (for the banner's `aws`).
 */
function awsEnv(keys: { accessKeyId: string; secretAccessKey: string } = { accessKeyId: 'AKIDCLITEST', secretAccessKey: 'cli-test-secret' }): Record<string, string> {
  return {
    PATH: `/usr/bin:${process.env.PATH ?? '/bin'}`,
    HOME: process.env.HOME ?? '/tmp',
    LANG: 'C.UTF-8',
    AWS_ACCESS_KEY_ID: keys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
}

function aws(url: string, args: string[], env: Record<string, string> = awsEnv()) {
  return exec(AWS, ['chime-sdk-voice', ...args, '--endpoint-url', url, '--region', 'us-east-1', '--no-cli-pager', '--output', 'json'], env);
}

function createArgs(numbers: [string, string] = [C, D]): string[] {
  return ['create-proxy-session', '--voice-connector-id', DEFAULT_VOICE_CONNECTOR_ID, '--participant-phone-numbers', ...numbers, '--capabilities', 'Voice'];
}

function deleteArgs(id: string): string[] {
  return ['delete-proxy-session', '--voice-connector-id', DEFAULT_VOICE_CONNECTOR_ID, '--proxy-session-id', id];
}

/** Runs the banner's JS SDK example with node, as a user pasting it into an .mjs file would. */
async function runBannerJs(served: Served): Promise<void> {
  const code = bannerBlock(served.stdout(), 'JS SDK');
  expect(code).toContain(`endpoint: '${served.url}'`);
  const result = await exec(process.execPath, ['--input-type=module', '-'], { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } as Record<string, string>, code);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/ProxySessionId: '[^']+'/);
  expect(result.stdout).toContain(A);
}

/** Runs the banner's AWS CLI example with bash, in an environment with no AWS settings of its own. */
async function runBannerCli(served: Served): Promise<void> {
  const script = bannerBlock(served.stdout(), 'AWS CLI');
  expect(script).toContain(`--endpoint-url ${served.url}`);
  const result = await exec('/bin/bash', ['-euo', 'pipefail', '-c', script], awsEnv());
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^created proxy session \S+$/m);
  // The get and list lines print the session as JSON.
  expect(result.stdout).toMatch(/"ProxySession": \{/);
  expect(result.stdout).toMatch(/"ProxySessions": \[/);
}

describe('conformance serve (no signature checks)', () => {
  let served: Served;
  beforeAll(async () => {
    served = await serve();
  });
  afterAll(async () => {
    if (served) expect(await stop(served)).toEqual({ code: 0, signal: null });
  });

  it('prints a parseable URL on loopback, the voice connector and that signatures are not checked', () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(served.port).toBeGreaterThan(0);
    expect(served.stdout()).toContain(`voice connector ids: ${DEFAULT_VOICE_CONNECTOR_ID}`);
    expect(served.stdout()).toMatch(/signatures: +not checked/);
    expect(served.stderr()).toBe('');
  });

  it('(a) the official JS SDK creates a proxy session and deletes it', async () => {
    const client = new ChimeSDKVoiceClient({ endpoint: served.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDSDKTEST', secretAccessKey: 'sdk-test-secret' } });
    try {
      const created = await client.send(new CreateProxySessionCommand({ VoiceConnectorId: DEFAULT_VOICE_CONNECTOR_ID, ParticipantPhoneNumbers: [A, B], Capabilities: ['Voice'] }));
      expect(created.$metadata.httpStatusCode).toBe(201);
      const session = created.ProxySession!;
      expect(session.VoiceConnectorId).toBe(DEFAULT_VOICE_CONNECTOR_ID);
      expect(session.Status).toBe('Open');
      expect(session.Capabilities).toEqual(['Voice']);
      expect(session.CreatedTimestamp).toBeInstanceOf(Date);
      expect(session.Participants?.map((p) => p.PhoneNumber).sort()).toEqual([A, B]);
      const id = session.ProxySessionId!;
      const read = await client.send(new GetProxySessionCommand({ VoiceConnectorId: DEFAULT_VOICE_CONNECTOR_ID, ProxySessionId: id }));
      expect(read.ProxySession).toEqual(session);
      const listed = await client.send(new ListProxySessionsCommand({ VoiceConnectorId: DEFAULT_VOICE_CONNECTOR_ID, Status: 'Open', MaxResults: 100 }));
      expect(listed.ProxySessions?.map((p) => p.ProxySessionId)).toContain(id);
      const updated = await client.send(new UpdateProxySessionCommand({ VoiceConnectorId: DEFAULT_VOICE_CONNECTOR_ID, ProxySessionId: id, Capabilities: ['SMS'], ExpiryMinutes: 30 }));
      expect(updated.$metadata.httpStatusCode).toBe(201);
      expect(updated.ProxySession).toMatchObject({ Capabilities: ['SMS'], ExpiryMinutes: 30 });
      const deleted = await client.send(new DeleteProxySessionCommand({ VoiceConnectorId: DEFAULT_VOICE_CONNECTOR_ID, ProxySessionId: id }));
      expect(deleted.$metadata.httpStatusCode).toBe(204);
      // Really gone: a second delete is the modelled 404.
      await expect(client.send(new DeleteProxySessionCommand({ VoiceConnectorId: DEFAULT_VOICE_CONNECTOR_ID, ProxySessionId: id }))).rejects.toBeInstanceOf(NotFoundException);
    } finally {
      client.destroy();
    }
  });

  it("(a) the banner's JS SDK example runs as printed", async () => {
    await runBannerJs(served);
  });

  describe.skipIf(skipAws)(skipAws ? `(b) the AWS CLI: SKIPPED, ${AWS} is missing (apt-get install awscli)` : '(b) the AWS CLI', () => {
    it('is installed and knows chime-sdk-voice create-proxy-session', async () => {
      expect(existsSync(AWS), `${AWS} is missing: CI must install Debian's awscli (.ci/run)`).toBe(true);
      const help = await exec(AWS, ['chime-sdk-voice', 'create-proxy-session', 'help'], { ...awsEnv(), PAGER: 'cat', MANPAGER: 'cat' });
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/participant.*phone.*numbers/i);
    });

    it('creates a proxy session, gets it, lists it, updates it and deletes it', async () => {
      const created = await aws(served.url, createArgs());
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      const session = JSON.parse(created.stdout).ProxySession;
      expect(session).toMatchObject({ VoiceConnectorId: DEFAULT_VOICE_CONNECTOR_ID, Status: 'Open', Capabilities: ['Voice'] });
      expect(session.Participants.map((p: { PhoneNumber: string }) => p.PhoneNumber).sort()).toEqual([C, D]);
      expect(session.ProxySessionId).toMatch(/\S/);
      const connector = ['--voice-connector-id', DEFAULT_VOICE_CONNECTOR_ID];

      const got = await aws(served.url, ['get-proxy-session', ...connector, '--proxy-session-id', session.ProxySessionId]);
      expect(got.stderr).toBe('');
      expect(JSON.parse(got.stdout).ProxySession).toEqual(session);

      // One session per page, following NextToken (the CLI has no paginator for this operation).
      const listed: string[] = [];
      for (let token: string | undefined, pages = 0; pages === 0 || token !== undefined; pages++) {
        expect(pages, 'pages end').toBeLessThan(20);
        const page = await aws(served.url, ['list-proxy-sessions', ...connector, '--status', 'Open', '--max-results', '1', ...(token ? ['--next-token', token] : [])]);
        expect(page.stderr).toBe('');
        const body = JSON.parse(page.stdout) as { ProxySessions: { ProxySessionId: string }[]; NextToken?: string };
        expect(body.ProxySessions.length).toBeLessThanOrEqual(1);
        listed.push(...body.ProxySessions.map((p) => p.ProxySessionId));
        token = body.NextToken;
      }
      expect(listed).toContain(session.ProxySessionId);

      const updated = await aws(served.url, ['update-proxy-session', ...connector, '--proxy-session-id', session.ProxySessionId, '--capabilities', 'Voice', 'SMS', '--expiry-minutes', '30']);
      expect(updated.stderr).toBe('');
      expect(JSON.parse(updated.stdout).ProxySession).toMatchObject({ ExpiryMinutes: 30 });

      const deleted = await aws(served.url, deleteArgs(session.ProxySessionId));
      expect(deleted.stderr).toBe('');
      expect(deleted.code).toBe(0);

      const again = await aws(served.url, deleteArgs(session.ProxySessionId));
      expect(again.code).not.toBe(0);
      expect(again.stderr).toContain('NotFoundException');
    });

    it("the banner's AWS CLI example runs as printed", async () => {
      await runBannerCli(served);
    });
  });
});

describe('conformance serve --verify-signatures', () => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(['--verify-signatures']);
  });
  afterAll(async () => {
    if (served) expect(await stop(served)).toEqual({ code: 0, signal: null });
  });

  it('prints that signatures are checked, and the test credentials it accepts', () => {
    expect(served.stdout()).toMatch(/signatures: +checked/);
    expect(served.stdout()).toContain(`${TEST_ACCESS_KEY_ID} / ${TEST_SECRET_ACCESS_KEY}`);
  });

  it('the JS SDK signed with wrong keys gets the 403 ForbiddenException; with the right keys it works', async () => {
    const wrong = new ChimeSDKVoiceClient({ endpoint: served.url, region: 'us-east-1', credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: 'not-the-secret' } });
    const right = new ChimeSDKVoiceClient({ endpoint: served.url, region: 'us-east-1', credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY } });
    try {
      const refused = await wrong.send(new CreateProxySessionCommand({ VoiceConnectorId: DEFAULT_VOICE_CONNECTOR_ID, ParticipantPhoneNumbers: [A, B], Capabilities: ['Voice'] })).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ForbiddenException);
      expect((refused as ForbiddenException).$metadata.httpStatusCode).toBe(403);
      const created = await right.send(new CreateProxySessionCommand({ VoiceConnectorId: DEFAULT_VOICE_CONNECTOR_ID, ParticipantPhoneNumbers: [A, B], Capabilities: ['Voice'] }));
      await right.send(new DeleteProxySessionCommand({ VoiceConnectorId: DEFAULT_VOICE_CONNECTOR_ID, ProxySessionId: created.ProxySession!.ProxySessionId! }));
    } finally {
      wrong.destroy();
      right.destroy();
    }
  });

  describe.skipIf(skipAws)(skipAws ? `(c) the AWS CLI: SKIPPED, ${AWS} is missing (apt-get install awscli)` : '(c) the AWS CLI', () => {
    const rightKeys = { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY };

    it('with the right keys creates and deletes a session', async () => {
      const created = await aws(served.url, createArgs(), awsEnv(rightKeys));
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      const id = JSON.parse(created.stdout).ProxySession.ProxySessionId as string;
      const deleted = await aws(served.url, deleteArgs(id), awsEnv(rightKeys));
      expect(deleted.stderr).toBe('');
      expect(deleted.code).toBe(0);
    });

    it('with a wrong secret fails with the 403 ForbiddenException', async () => {
      // --debug: the CLI's own error line names the error, not its status; the wire log shows the 403.
      const refused = await aws(served.url, [...createArgs(), '--debug'], awsEnv({ accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: 'not-the-secret' }));
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/An error occurred \(ForbiddenException\) when calling the CreateProxySession operation: The request signature we calculated does not match/);
      expect(refused.stderr).toMatch(/"POST \/voice-connectors\/\S+\/proxy-sessions HTTP\/1\.1" 403 /);
    });

    it('with an unknown access key fails with the 403 ForbiddenException', async () => {
      const refused = await aws(served.url, createArgs(), awsEnv({ accessKeyId: 'AKIDSOMEONEELSE', secretAccessKey: TEST_SECRET_ACCESS_KEY }));
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('(ForbiddenException)');
      expect(refused.stderr).toContain('AKIDSOMEONEELSE is not one of');
    });

    it('unsigned (--no-sign-request) fails with the 401 UnauthorizedClientException', async () => {
      const refused = await aws(served.url, [...createArgs(), '--no-sign-request']);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('(UnauthorizedClientException)');
    });
  });
});

describe('conformance serve: stopping and options', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`(d) ${signal} closes the emulator and exits 0; the port is closed`, async () => {
      const served = await serve();
      expect(await stop(served, signal)).toEqual({ code: 0, signal: null });
      expect(served.stdout()).toContain(`conformance serve: ${signal}: stopped`);
      expect(served.stderr()).toBe('');
      const refused = await new Promise<string>((resolve) => {
        const socket = connect(served.port, '127.0.0.1');
        socket.on('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      });
      expect(refused).toBe('ECONNREFUSED');
    });
  }

  it("--access-key-id/--secret-access-key: only those keys are accepted, and the banner's examples quote them correctly", async () => {
    const secret = `it's a "test" $ecret \\n with spaces`;
    const served = await serve(['--verify-signatures', '--access-key-id', 'AKIDCUSTOMSERVE', '--secret-access-key', secret]);
    const client = new ChimeSDKVoiceClient({ endpoint: served.url, region: 'us-east-1', credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY } });
    try {
      expect(served.stdout()).toContain(`AKIDCUSTOMSERVE / ${secret}`);
      // The default test credentials are not accepted once others are configured.
      await expect(client.send(new CreateProxySessionCommand({ VoiceConnectorId: DEFAULT_VOICE_CONNECTOR_ID, ParticipantPhoneNumbers: [A, B], Capabilities: ['Voice'] }))).rejects.toBeInstanceOf(ForbiddenException);
      await runBannerJs(served);
      if (!skipAws) await runBannerCli(served);
    } finally {
      client.destroy();
      expect(await stop(served)).toEqual({ code: 0, signal: null });
    }
  });

  it('serves several voice connectors, and an unknown one is 404 NotFoundException', async () => {
    const served = await serve(['--voice-connector-id', 'abcdefghij0123456789a', '--voice-connector-id', 'abcdefghij0123456789b']);
    const client = new ChimeSDKVoiceClient({ endpoint: served.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDSDKTEST', secretAccessKey: 'sdk-test-secret' } });
    try {
      expect(served.stdout()).toContain('voice connector ids: abcdefghij0123456789a, abcdefghij0123456789b');
      expect(served.stdout()).toContain('--voice-connector-id abcdefghij0123456789a');
      const created = await client.send(new CreateProxySessionCommand({ VoiceConnectorId: 'abcdefghij0123456789b', ParticipantPhoneNumbers: [A, B], Capabilities: ['Voice'] }));
      expect(created.ProxySession?.VoiceConnectorId).toBe('abcdefghij0123456789b');
      await expect(client.send(new CreateProxySessionCommand({ VoiceConnectorId: DEFAULT_VOICE_CONNECTOR_ID, ParticipantPhoneNumbers: [A, B], Capabilities: ['Voice'] }))).rejects.toBeInstanceOf(NotFoundException);
    } finally {
      client.destroy();
      expect(await stop(served)).toEqual({ code: 0, signal: null });
    }
  });

  it('a port in use is one line and exit 2', async () => {
    const first = await serve();
    try {
      const second = run(['serve', '--port', String(first.port)]);
      expect((await second.exit).code).toBe(2);
      expect(second.stdout()).toBe('');
      expect(second.stderr()).toBe(`conformance: serve: 127.0.0.1 port ${first.port} is already in use; choose another with --port N, or --port 0 for a free one\n`);
    } finally {
      expect(await stop(first)).toEqual({ code: 0, signal: null });
    }
  });

  it.each([
    [['--bogus'], 'conformance: serve: unknown option --bogus. Run conformance serve --help to see the options.'],
    [['--port', 'http'], 'conformance: serve: --port "http" is not a port number (0 to 65535; 0 picks a free port)'],
    [['--fault', 'no-such-fault'], 'conformance: serve: unknown fault "no-such-fault". Run conformance serve --help to see the faults.'],
  ])('(e) a bad flag %j exits 2 with one line and no stack', async (args, line) => {
    const result = run(['serve', ...args]);
    expect((await result.exit).code).toBe(2);
    expect(result.stdout()).toBe('');
    expect(result.stderr()).toBe(`${line}\n`);
  });

  it('--help lists the options and the faults, and exits 0', async () => {
    const result = run(['serve', '--help']);
    expect((await result.exit).code).toBe(0);
    expect(result.stdout()).toContain('--verify-signatures');
    expect(result.stdout()).toContain('throttle-always');
    expect(result.stderr()).toBe('');
  });

  it('--fault starts a deliberately defective emulator and says so', async () => {
    const served = await serve(['--fault', 'success-200']);
    const client = new ChimeSDKVoiceClient({ endpoint: served.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDSDKTEST', secretAccessKey: 'sdk-test-secret' } });
    try {
      expect(served.stdout()).toContain('FAULTS:');
      expect(served.stdout()).toContain('success-200: a created session is answered 200');
      const created = await client.send(new CreateProxySessionCommand({ VoiceConnectorId: DEFAULT_VOICE_CONNECTOR_ID, ParticipantPhoneNumbers: [A, B], Capabilities: ['Voice'] }));
      expect(created.$metadata.httpStatusCode).toBe(200);
    } finally {
      client.destroy();
      expect(await stop(served)).toEqual({ code: 0, signal: null });
    }
  });
});

/** Every operation the emulator serves: the spec's target and its /operations. */
const OPERATIONS = ['CreateProxySession', 'GetProxySession', 'ListProxySessions', 'UpdateProxySession', 'DeleteProxySession', 'PutVoiceConnectorProxy', 'GetVoiceConnectorProxy', 'DeleteVoiceConnectorProxy', 'CreateVoiceConnector', 'DeleteVoiceConnector'];

describe('parseServeArgs', () => {
  it('--no-voice-connector starts with none', () => {
    expect(parseServeArgs(['--no-voice-connector']).voiceConnectorIds).toEqual([]);
  });

  it('has documented defaults', () => {
    expect(parseServeArgs([])).toEqual({
      port: 4566,
      host: '127.0.0.1',
      voiceConnectorIds: [DEFAULT_VOICE_CONNECTOR_ID],
      operations: OPERATIONS,
      verifySignatures: false,
      accessKeyId: TEST_ACCESS_KEY_ID,
      secretAccessKey: TEST_SECRET_ACCESS_KEY,
      faults: [],
      help: false,
    });
  });

  it('takes every option', () => {
    expect(
      parseServeArgs(['--port', '0', '--host', '::1', '--voice-connector-id', 'a', '--voice-connector-id', 'b', '--verify-signatures', '--access-key-id', 'AKIDX', '--secret-access-key', 's', '--fault', 'success-200', '--fault', 'epoch-timestamps']),
    ).toEqual({ port: 0, host: '::1', voiceConnectorIds: ['a', 'b'], operations: OPERATIONS, verifySignatures: true, accessKeyId: 'AKIDX', secretAccessKey: 's', faults: ['success-200', 'epoch-timestamps'], help: false });
  });

  it.each([
    [['--port', '65536'], /--port "65536" is not a port number/],
    [['--port', '-1'], /--port needs a value|--port "-1"/],
    [['--port'], /--port needs a value/],
    [['--verify-signatures=yes'], /--verify-signatures does not take a value/],
    [['extra'], /unexpected argument "extra"/],
    [['--access-key-id', 'AKIDX'], /--access-key-id only has a meaning with --verify-signatures/],
    [['--verify-signatures', '--access-key-id', 'AK ID'], /--access-key-id must be non-empty/],
    [['--verify-signatures', '--secret-access-key', ''], /--secret-access-key must be non-empty/],
    [['--verify-signatures', '--secret-access-key', 'a\nb'], /--secret-access-key must be non-empty, without control characters/],
    [['--voice-connector-id', '   '], /is not a valid VoiceConnectorId/],
    [['--voice-connector-id', 'x'.repeat(129)], /is not a valid VoiceConnectorId/],
    [['--host', ''], /--host must not be empty/],
    [['--no-voice-connector', '--voice-connector-id', 'a'], /--no-voice-connector and --voice-connector-id contradict/],
  ])('%j is a UsageError', (args, message) => {
    expect(() => parseServeArgs(args)).toThrow(UsageError);
    expect(() => parseServeArgs(args)).toThrow(message);
  });
});

describe('serveBanner', () => {
  const options = { voiceConnectorIds: ['abcdefghij0123456789a'], operations: OPERATIONS, verifySignatures: false, accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY, faults: [] };

  it('on a wildcard address says so, and its examples connect over loopback', () => {
    const v4 = serveBanner('http://0.0.0.0:4566', options);
    expect(v4).toMatch(/^listening on http:\/\/0\.0\.0\.0:4566\n/);
    expect(v4).toContain('not loopback');
    expect(v4).toContain('--endpoint-url http://127.0.0.1:4566 ');
    expect(v4).toContain("endpoint: 'http://127.0.0.1:4566'");
    const v6 = serveBanner('http://[::]:4566', options);
    expect(v6).toContain("--endpoint-url 'http://[::1]:4566' ");
  });

  it('on loopback adds no network warning', () => {
    expect(serveBanner('http://127.0.0.1:4566', options)).not.toContain('not loopback');
    expect(serveBanner('http://[::1]:4566', options)).not.toContain('not loopback');
  });
});
