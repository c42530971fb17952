import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A fresh VoiceConnectorId: 22 characters of [a-z0-9], like the ids AWS issues, so it matches both the
 * model's NonEmptyString128 and botocore's stricter VoiceConnectorId pattern (spec shapes/NonEmptyString128
 * stricterPattern). 22 random base-36 characters make a collision negligible.
 */
export function newVoiceConnectorId(): string {
  return [...randomBytes(22)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}
