import { FAULT_DESCRIPTIONS, type FaultName } from '../../emulator/index.ts';
import { CLOCK_CONTROL_PATH } from '../../src/protocol/index.ts';
import { isLoopback } from '../isLoopback.ts';

/** What `conformance serve` prints once it listens: the emulator's settings and examples that work as printed. */
export interface BannerOptions {
  voiceConnectorIds: readonly string[];
  operations: readonly string[];
  verifySignatures: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  faults: readonly FaultName[];
}

/** Fictional numbers (NANP 555-01xx), so a pasted example can never reach a subscriber. */
const EXAMPLE_NUMBERS = ['+12065550100', '+12065550101'] as const;
const EXAMPLE_REGION = 'us-east-1';

/**
 * The first line is `listening on URL` (machine-readable: the real port when --port 0). The "AWS CLI"
 * and "JS SDK" blocks are indented by four spaces and run as they are: test/serve.test.ts runs them.
 */
export function serveBanner(url: string, options: BannerOptions): string {
  const target = clientUrl(url);
  const connector = options.voiceConnectorIds[0] ?? '';
  const lines = [
    `listening on ${url}`,
    `  operations:          ${options.operations.join(', ')} (anything else is 404)`,
    `  voice connector ids: ${options.voiceConnectorIds.join(', ') || '(none: create one with CreateVoiceConnector and PutVoiceConnectorProxy)'}`,
    `  clock:               GET/POST ${CLOCK_CONTROL_PATH} reads or moves it (not an AWS API; expiry tests)`,
    options.verifySignatures
      ? `  signatures:          checked (SigV4, signing name chime, any region): unsigned is 401, wrong is 403.\n` +
        `                       Accepted test credentials (throwaway, printed on purpose): ${options.accessKeyId} / ${options.secretAccessKey}`
      : `  signatures:          not checked: any credentials, or none, are accepted (--verify-signatures checks them)`,
    ...(options.faults.length > 0
      ? [`  FAULTS:              this emulator is deliberately defective (for testing checkers):`, ...options.faults.map((f) => `                       ${f}: ${FAULT_DESCRIPTIONS[f]}`)]
      : []),
    ...(isLoopback(url) ? [] : [`  network:             not loopback: anyone who can reach this address can use the emulator`]),
    `  stop:                Ctrl-C or SIGTERM`,
    '',
    'AWS CLI (v2, bash):',
    `    export AWS_ACCESS_KEY_ID=${sh(options.accessKeyId)} AWS_SECRET_ACCESS_KEY=${sh(options.secretAccessKey)} AWS_REGION=${EXAMPLE_REGION}`,
    `    ID=$(aws chime-sdk-voice create-proxy-session --endpoint-url ${sh(target)} --voice-connector-id ${sh(connector)} \\`,
    `      --participant-phone-numbers ${EXAMPLE_NUMBERS.join(' ')} --capabilities Voice --query ProxySession.ProxySessionId --output text)`,
    `    echo "created proxy session $ID"`,
    `    aws chime-sdk-voice get-proxy-session --endpoint-url ${sh(target)} --voice-connector-id ${sh(connector)} --proxy-session-id "$ID"`,
    `    aws chime-sdk-voice list-proxy-sessions --endpoint-url ${sh(target)} --voice-connector-id ${sh(connector)} --status Open`,
    `    aws chime-sdk-voice delete-proxy-session --endpoint-url ${sh(target)} --voice-connector-id ${sh(connector)} --proxy-session-id "$ID"`,
    '',
    'JS SDK (@aws-sdk/client-chime-sdk-voice, in an ES module):',
    `    import { ChimeSDKVoiceClient, CreateProxySessionCommand, DeleteProxySessionCommand } from '@aws-sdk/client-chime-sdk-voice';`,
    `    const client = new ChimeSDKVoiceClient({ endpoint: ${js(target)}, region: ${js(EXAMPLE_REGION)},`,
    `      credentials: { accessKeyId: ${js(options.accessKeyId)}, secretAccessKey: ${js(options.secretAccessKey)} } });`,
    `    const { ProxySession } = await client.send(new CreateProxySessionCommand({ VoiceConnectorId: ${js(connector)},`,
    `      ParticipantPhoneNumbers: [${EXAMPLE_NUMBERS.map(js).join(', ')}], Capabilities: ['Voice'] }));`,
    `    console.log(ProxySession);`,
    `    await client.send(new DeleteProxySessionCommand({ VoiceConnectorId: ${js(connector)}, ProxySessionId: ProxySession.ProxySessionId }));`,
    '',
  ];
  return `${lines.join('\n')}\n`;
}

/** A wildcard listen address is not one a client can connect to: the examples use loopback instead. */
function clientUrl(url: string): string {
  return url.replace(/^http:\/\/(0\.0\.0\.0|\[::\]):/, (_all, host: string) => `http://${host === '0.0.0.0' ? '127.0.0.1' : '[::1]'}:`);
}


/** One shell word: bare when it is plainly safe, else single-quoted. */
function sh(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A JS string literal in single quotes, as the rest of the example is written. */
function js(value: string): string {
  return `'${JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}
