import { createHash } from 'node:crypto';

/** A digest's length in hex digits (the CLI checks --case-digest against it). */
export const CASE_DIGEST_HEX_DIGITS = 12;

/**
 * A short fingerprint of a generated case (or lifecycle sequence or probe), written into its replay line
 * as --case-digest. A replay regenerates the case from seed and path; if the spec or the generators have
 * changed since the report, that path can hold another case, which would pass or fail for reasons of its
 * own. With the digest the replay runs the case only if it is the same one (digestMismatch.ts).
 *
 * The run's voice connector is not part of it: the generators do not choose it (--provision makes a new
 * one each run, and a replay line may be pointed at another connector), so it is hashed as a placeholder.
 */
export function caseDigest(value: unknown, runConnectorId: string | undefined): string {
  const text = JSON.stringify(value, (_key, v: unknown) => (runConnectorId !== undefined && v === runConnectorId ? '{the run connector}' : v)) ?? '';
  return createHash('sha1').update(text).digest('hex').slice(0, CASE_DIGEST_HEX_DIGITS);
}
