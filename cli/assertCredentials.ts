import { ConformanceToolError } from '../src/errors.ts';
import { awsCredentials, type AuthSettings } from '../src/protocol/index.ts';
import { isLoopback } from './isLoopback.ts';

/**
 * What a loopback endpoint is signed with when no credentials are found: the pair local AWS emulators
 * document (LocalStack, moto: "test"/"test"). An emulator on this machine checks no signatures, or checks
 * these; a real account is never on loopback, so nothing real is ever signed with them.
 */
export const LOCAL_TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;

/**
 * Preflight: SigV4 needs credentials, and a run without them would fail every request the same way.
 * Finds them once, through the same provider chain the suites use, and says plainly what to do if none
 * are found. Never prints them. For a loopback endpoint with none, returns LOCAL_TEST_CREDENTIALS for the
 * caller to sign with (and say so); any other endpoint without credentials is an error.
 */
export async function assertCredentials(settings: AuthSettings, endpoint?: string): Promise<{ accessKeyId: string; secretAccessKey: string } | undefined> {
  if (settings.auth !== 'sigv4' || settings.testCredentials) return undefined;
  try {
    await awsCredentials(settings)();
    return undefined;
  } catch (error) {
    // A named profile that cannot be read is a mistake to report, also on loopback.
    if (endpoint !== undefined && isLoopback(endpoint) && !settings.profile) return { ...LOCAL_TEST_CREDENTIALS };
    const reason = (error as Error).message.split('\n')[0];
    throw new ConformanceToolError(
      'CONFORMANCE_NO_CREDENTIALS',
      `no AWS credentials found for signing requests${settings.profile ? ` (profile ${settings.profile})` : ''}: ${reason}. ` +
        'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE / --profile; an emulator that does not check signatures accepts any values, e.g. AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test',
    );
  }
}

/** The one line a run prints when it signs a loopback endpoint with LOCAL_TEST_CREDENTIALS. */
export function localCredentialsNotice(endpoint: string): string {
  return `Credentials: none found; signing requests to ${endpoint} (loopback) with the local emulator test credentials (access key "${LOCAL_TEST_CREDENTIALS.accessKeyId}"). Set AWS credentials to sign with your own.\n`;
}
