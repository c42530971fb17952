// HTML escaping for the HTML report. Everything that comes from a report is hostile input (a response
// body may hold `<script>`, quotes, NULs, bidi overrides), so no report text reaches the page without
// passing through `text`, `block` or `attr` below. The page also carries a hash-only Content-Security-
// Policy, so even a slip here could not load or run anything.
import { BODY_LIMIT, bodyLines, visible } from './_format.ts';

/** Characters shown in a body, expected or actual block before it is cut (report.json keeps them all). */
export const HTML_BODY_LIMIT = 4 * BODY_LIMIT;

/**
 * Escapes the five characters that matter in HTML text and double- or single-quoted attribute values, and
 * makes lone surrogates visible (encoding them to UTF-8 would silently turn them into U+FFFD).
 */
export function esc(value: string): string {
  return value
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16)}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** One line of report text: control, separator and bidi characters become visible `\uXXXX`, then escaped. */
export function text(value: string): string {
  return esc(visible(value));
}

/** Multi-line report text for a <pre>: newlines kept, every other control character made visible. */
export function block(value: string): string {
  return esc(visible(value, true));
}

/** An attribute value (always written in double quotes). */
export function attr(value: string): string {
  return esc(visible(value));
}

/**
 * A body for a <pre>: pretty-printed only when that loses nothing (see `bodyLines`), cut at
 * HTML_BODY_LIMIT characters with a note, never cut by width (the page wraps lines itself).
 */
export function bodyBlock(body: string): string {
  return esc(bodyLines(body, { width: Number.POSITIVE_INFINITY, limit: HTML_BODY_LIMIT, maxLines: 400 }).join('\n'));
}

/** An expected or actual value: prose strings as they are, anything else as indented JSON; bounded. */
export function valueBlock(value: unknown): string {
  let shown: string;
  if (typeof value === 'string') shown = value;
  else {
    try {
      shown = value === undefined ? 'undefined (absent)' : (JSON.stringify(value, null, 2) ?? String(value));
    } catch {
      // A cyclic or BigInt-bearing value cannot come from a JSON report, but a renderer must not throw.
      shown = String(value);
    }
  }
  const cut = shown.length > HTML_BODY_LIMIT;
  const note = cut ? `\n… (${shown.length - HTML_BODY_LIMIT} more characters; report.json has it all)` : '';
  return block((cut ? shown.slice(0, HTML_BODY_LIMIT) : shown) + note);
}

/** A safe element id derived from report text (ids are anchors: `report.html#f-7c2e91a0`). */
export function anchor(value: string): string {
  return value.replace(/[^\w-]/g, '_');
}

/** A number from the report. Typed as one, but report.json can be read back from disk, so never trusted raw. */
export function num(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : text(String(value));
}

/** `1 case`, `2 cases`, escaped (the count comes from the report). */
export function count(value: unknown, word: string, many = `${word}s`): string {
  return `${num(value)} ${value === 1 ? word : many}`;
}

/** A check's strength as a CSS class: only the three the tool knows, never report text. */
export function strengthClass(strength: unknown): 'required' | 'opt-in' | 'advisory' | 'unknown' {
  return strength === 'required' || strength === 'opt-in' || strength === 'advisory' ? strength : 'unknown';
}
