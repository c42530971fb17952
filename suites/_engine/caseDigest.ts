import { createHash } from 'node:crypto';

/**
 * A short fingerprint of a generated case (or lifecycle sequence or probe), written into its replay line
 * as --case-digest. A replay regenerates the case from seed and path; if the spec or the generators have
 * changed since the report, that path can hold another case, which would pass or fail for reasons of its
 * own. With the digest the replay selects the case only if it is the same one, and says so otherwise.
 */
export function caseDigest(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value) ?? '').digest('hex').slice(0, 12);
}

/** Whether a case regenerated for a replay is the one its replay line was made from (no digest: not asked). */
export function matchesDigest(value: unknown, digest: string | undefined): boolean {
  return digest === undefined || caseDigest(value) === digest;
}
