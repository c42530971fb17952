import { parseArgs } from 'node:util';
import { DEFAULT_VOICE_CONNECTOR_ID, FAULT_DESCRIPTIONS, FAULT_NAMES, startEmulator, type FaultName, type RunningEmulator } from '../../emulator/index.ts';
import { ConformanceToolError, echoed, UsageError } from '../../src/errors.ts';
import { defaultOperation, type OperationModel } from '../../src/spec/index.ts';
import type { StringShape } from '../../src/spec/types.ts';
import { serveBanner } from './serveBanner.ts';
import { describeParseError } from '../describeParseError.ts';

/**
 * `conformance serve`: the reference emulator on its own, for SDK and application authors. It listens
 * until SIGINT or SIGTERM, then closes and returns 0.
 */

/**
 * 4566 is the port LocalStack and its clients use for AWS emulators, so an SDK or app already pointed at
 * http://localhost:4566 (AWS_ENDPOINT_URL) talks to this emulator unchanged. When the port is taken
 * (LocalStack is running), the start-up error says so and suggests --port 0.
 */
export const DEFAULT_PORT = 4566;
export const DEFAULT_HOST = '127.0.0.1';

/**
 * Throwaway credentials for --verify-signatures. They protect nothing (the emulator holds no data worth
 * protecting and listens on loopback by default), so they are printed on start-up and in --help.
 */
export const TEST_ACCESS_KEY_ID = 'AKIDCONFORMANCESERVE';
export const TEST_SECRET_ACCESS_KEY = 'conformance-serve-test-secret';

export interface ServeOptions {
  port: number;
  host: string;
  voiceConnectorIds: string[];
  /** The spec's operations the emulator serves, for the banner. */
  operations: string[];
  verifySignatures: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  faults: FaultName[];
  help: boolean;
}

const flags = {
  port: { type: 'string' },
  host: { type: 'string' },
  'voice-connector-id': { type: 'string', multiple: true },
  'no-voice-connector': { type: 'boolean' },
  'verify-signatures': { type: 'boolean' },
  'access-key-id': { type: 'string' },
  'secret-access-key': { type: 'string' },
  fault: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

export const SERVE_HELP = `conformance serve: the reference emulator of Amazon Chime SDK Voice proxy sessions on its own, for
SDK and application authors: ${[defaultOperation().name, ...Object.keys(defaultOperation().spec.operations)].join(', ')}.
Voice connectors, their proxy configurations and sessions live in memory until it stops.

Usage:
  npx conformance serve [options]            runs until Ctrl-C or SIGTERM, then exits 0

Options:
  --port N                   port to listen on (default ${DEFAULT_PORT}, the port AWS emulators such as LocalStack
                             use; 0 picks a free port). The "listening on URL" line gives the real one
  --host HOST                address to listen on (default ${DEFAULT_HOST}: only this machine can connect)
  --voice-connector-id ID    a voice connector that exists, with a proxy configuration (repeatable; default
                             ${DEFAULT_VOICE_CONNECTOR_ID}). Sessions on any other connector are answered 404
  --no-voice-connector       start with no voice connector at all: clients make their own with
                             CreateVoiceConnector and PutVoiceConnectorProxy (what conformance --provision does)
  --verify-signatures        check every request's SigV4 signature (signing name chime, any region):
                             unsigned is 401, a wrong signature or unknown key 403. Off by default:
                             then any credentials, or none, are accepted
  --access-key-id ID         the test access key ID accepted with --verify-signatures
                             (default ${TEST_ACCESS_KEY_ID})
  --secret-access-key KEY    its secret (default ${TEST_SECRET_ACCESS_KEY}; test credentials, printed on
                             start-up: never use real ones)
  --fault NAME               start with a deliberate defect (repeatable). For authors of checkers and
                             conformance tools only: a client under development wants the correct emulator
  -h, --help                 this help

Any other request is 404. Not an AWS API: GET/POST /_conformance/clock reads or moves the emulator's clock
({"advanceSeconds": N}, negative to go back), so that session expiry can be tested without waiting.

Faults (--fault NAME):
${FAULT_NAMES.map((name) => `  ${name}\n      ${FAULT_DESCRIPTIONS[name]}`).join('\n')}

Exit codes: 0 stopped by Ctrl-C or SIGTERM; 2 a bad option, or the port could not be opened.`;

/** Parses `serve`'s own arguments (after the word "serve"), or throws a UsageError naming the bad one. */
export function parseServeArgs(argv: string[], model: OperationModel = defaultOperation()): ServeOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: flags, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(`serve: ${describeParseError(error as Error & { code?: string })}. Run conformance serve --help to see the options.`);
  }
  const v = parsed.values;
  if (parsed.positionals.length > 0) throw new UsageError(`serve: unexpected argument "${echoed(parsed.positionals[0]!)}". Run conformance serve --help to see the options.`);
  const verifySignatures = v['verify-signatures'] ?? false;
  for (const flag of ['access-key-id', 'secret-access-key'] as const) {
    if (v[flag] !== undefined && !verifySignatures) throw new UsageError(`serve: --${flag} only has a meaning with --verify-signatures (without it every signature is accepted)`);
  }
  const accessKeyId = v['access-key-id'] ?? TEST_ACCESS_KEY_ID;
  if (accessKeyId === '' || /[\s/,=]/.test(accessKeyId)) throw new UsageError(`serve: --access-key-id must be non-empty, without whitespace, '/', ',' or '='`);
  const secretAccessKey = v['secret-access-key'] ?? TEST_SECRET_ACCESS_KEY;
  if (secretAccessKey === '' || /[\x00-\x1f\x7f]/.test(secretAccessKey)) throw new UsageError('serve: --secret-access-key must be non-empty, without control characters');
  const host = v.host ?? DEFAULT_HOST;
  if (host.trim() === '') throw new UsageError('serve: --host must not be empty (e.g. 127.0.0.1, ::1 or 0.0.0.0)');
  if (v['no-voice-connector'] && v['voice-connector-id'] !== undefined) throw new UsageError('serve: --no-voice-connector and --voice-connector-id contradict each other; give one');
  return {
    port: port(v.port),
    host,
    voiceConnectorIds: v['no-voice-connector'] ? [] : connectorIds(v['voice-connector-id'], model),
    operations: [model.name, ...Object.keys(model.spec.operations)],
    verifySignatures,
    accessKeyId,
    secretAccessKey,
    faults: faults(v.fault),
    help: v.help ?? false,
  };
}

export default async function serve(argv: string[], io: { out: (text: string) => void; err: (text: string) => void }): Promise<number> {
  const model = defaultOperation();
  const options = parseServeArgs(argv, model);
  if (options.help) {
    io.out(`${SERVE_HELP}\n`);
    return 0;
  }
  // Listening for the signals before the port opens: a signal during start-up stops it cleanly too.
  const stop = nextSignal();
  try {
    let emulator: RunningEmulator;
    try {
      emulator = await startEmulator({
        model,
        host: options.host,
        port: options.port,
        voiceConnectorIds: options.voiceConnectorIds,
        faults: options.faults,
        // The lifecycle suite moves this clock to judge expiry (src/protocol/clockControl.ts).
        clockControl: true,
        ...(options.verifySignatures ? { signatures: { credentials: [{ accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }] } } : {}),
      });
    } catch (error) {
      throw listenError(error, options);
    }
    io.out(serveBanner(emulator.url, options));
    const signal = await stop.next;
    await emulator.close();
    io.out(`conformance serve: ${signal}: stopped (${emulator.url} is closed)\n`);
    return 0;
  } finally {
    stop.dispose();
  }
}

function port(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const n = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 0 && n <= 65535)) throw new UsageError(`serve: --port "${echoed(value)}" is not a port number (0 to 65535; 0 picks a free port)`);
  return n;
}

/** Each id must be a valid VoiceConnectorId label (spec shape of the member), else no request could reach it. */
function connectorIds(ids: string[] | undefined, model: OperationModel): string[] {
  if (ids === undefined || ids.length === 0) return [DEFAULT_VOICE_CONNECTOR_ID];
  const member = model.input.members.VoiceConnectorId;
  const shape = member ? (model.shape(member.target) as StringShape) : undefined;
  for (const id of ids) {
    const { min = 0, max = Infinity } = shape?.length ?? {};
    const length = [...id].length;
    if (length < Math.max(min, 1) || length > max || (shape?.pattern !== undefined && !new RegExp(shape.pattern, 'u').test(id))) {
      throw new UsageError(`serve: --voice-connector-id ${echoed(JSON.stringify(id))} is not a valid VoiceConnectorId (${Math.max(min, 1)} to ${max} characters, not only whitespace)`);
    }
  }
  return [...new Set(ids)];
}

function faults(names: string[] | undefined): FaultName[] {
  for (const name of names ?? []) {
    if (!(FAULT_NAMES as readonly string[]).includes(name)) throw new UsageError(`serve: unknown fault "${echoed(name)}". Run conformance serve --help to see the faults.`);
  }
  return [...new Set(names ?? [])] as FaultName[];
}


/** Why the port could not be opened, in one line (never Node's stack). */
function listenError(error: unknown, options: ServeOptions): Error {
  if (error instanceof ConformanceToolError) return error;
  const code = (error as { code?: string } | undefined)?.code;
  const where = `${options.host} port ${options.port}`;
  const reason =
    code === 'EADDRINUSE'
      ? `${where} is already in use${options.port === DEFAULT_PORT ? ' (LocalStack listens on 4566 too)' : ''}; choose another with --port N, or --port 0 for a free one`
      : code === 'EACCES'
        ? `not allowed to listen on ${where} (ports below 1024 need privileges); choose another with --port N`
        : code === 'EADDRNOTAVAIL'
          ? `${options.host} is not an address of this machine; use e.g. --host 127.0.0.1 or --host 0.0.0.0`
          : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
            ? `--host ${options.host} does not resolve to an address`
            : `cannot listen on ${where}: ${(error as Error)?.message ?? String(error)}`;
  return new ConformanceToolError('CONFORMANCE_SERVE_LISTEN', `serve: ${reason}`);
}

/** The first SIGINT or SIGTERM; later ones are absorbed until dispose (closing takes milliseconds). */
function nextSignal(): { next: Promise<NodeJS.Signals>; dispose(): void } {
  let resolve: (signal: NodeJS.Signals) => void = () => undefined;
  const next = new Promise<NodeJS.Signals>((r) => (resolve = r));
  const onSignal = (signal: NodeJS.Signals) => resolve(signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    next,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
