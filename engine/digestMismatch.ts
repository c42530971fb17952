import { caseDigest } from './caseDigest.ts';

/**
 * Why a case regenerated for a replay is not run: it is not the one its replay line was made from (its
 * caseDigest differs from --case-digest). Undefined when it is, or when no digest was given. The message
 * becomes the suite's error (exit 2).
 */
export function digestMismatch(value: unknown, replay: { family: string; path: string; caseDigest?: string; voiceConnectorId?: string }): string | undefined {
  if (replay.caseDigest === undefined) return undefined;
  const now = caseDigest(value, replay.voiceConnectorId);
  if (now === replay.caseDigest) return undefined;
  return `--case-digest ${replay.caseDigest} does not match the case at --family ${replay.family} --path ${replay.path} (its digest is ${now} now): the spec or the generators changed since that report, so the case was not run; run the suite again for a current replay line`;
}
