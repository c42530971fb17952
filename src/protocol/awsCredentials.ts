import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/** How a run authenticates: SigV4 with credentials from the standard AWS provider chain, or not at all. */
export interface AuthSettings {
  auth: 'sigv4' | 'none';
  region: string;
  /** A named profile of the shared config/credentials files (--profile, AWS_PROFILE). */
  profile?: string;
  /** Throwaway credentials of an emulator this run started itself (--verify-signatures): used instead of the chain. */
  testCredentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Stands in where something must sign but nothing checks (the embedded emulator without --verify-signatures). */
const UNCHECKED: AwsCredentialIdentity = { accessKeyId: 'AKIDCONFORMANCE', secretAccessKey: 'conformance-unchecked' };

/**
 * Credentials the AWS way: environment, shared config and credentials files (with --profile/AWS_PROFILE),
 * SSO, container and instance roles, through the SDK's own provider chain (memoised, and refreshed before
 * temporary credentials expire).
 * Never logged: callers only ever pass the provider to a signer.
 */
export function awsCredentials(settings: AuthSettings): AwsCredentialIdentityProvider {
  if (settings.auth === 'none') return async () => UNCHECKED;
  if (settings.testCredentials) {
    const fixed = { ...settings.testCredentials };
    return async () => fixed;
  }
  // The SDK's chain memoises credentials and refreshes temporary ones (SSO, roles) before they expire.
  return fromNodeProviderChain(settings.profile ? { profile: settings.profile } : {});
}
