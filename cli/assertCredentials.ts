import { ConformanceToolError } from '../src/errors.ts';
import { awsCredentials, type AuthSettings } from '../src/protocol/index.ts';

/**
 * Preflight: SigV4 needs credentials, and a run without them would fail every request the same way.
 * Finds them once, through the same provider chain the suites use, and says plainly what to do if none
 * are found. Never prints them.
 */
export async function assertCredentials(settings: AuthSettings): Promise<void> {
  if (settings.auth !== 'sigv4') return;
  try {
    await awsCredentials(settings)();
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new ConformanceToolError(
      'CONFORMANCE_NO_CREDENTIALS',
      `no AWS credentials found for signing requests${settings.profile ? ` (profile ${settings.profile})` : ''}: ${reason}. ` +
        'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE / --profile; an emulator that does not check signatures accepts any values, e.g. AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test',
    );
  }
}
