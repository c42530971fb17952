import type { Variant } from './variants.ts';

/** The offset used by the `offset-no-millis` variant: any RFC 3339 offset is valid; this one is not zero. */
const OFFSET_MINUTES = 120;

/**
 * Renders an Iso8601Timestamp (Smithy timestampFormat date-time, RFC 3339) in the variant's style:
 * `2026-11-27T03:00:00.000Z`, or the same instant as `2026-11-27T05:00:00+02:00` (seconds truncated).
 */
export function formatTimestamp(date: Date, style: Variant['timestamps']): string {
  if (style === 'millis-z') return date.toISOString();
  const shifted = new Date(Math.floor(date.getTime() / 1000) * 1000 + OFFSET_MINUTES * 60_000);
  const sign = OFFSET_MINUTES < 0 ? '-' : '+';
  const abs = Math.abs(OFFSET_MINUTES);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${shifted.toISOString().slice(0, 19)}${offset}`;
}
