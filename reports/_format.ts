// Text helpers shared by the console and JUnit renderers. Everything that comes from the endpoint under
// test (bodies, headers, messages quoting them) is hostile input: it may hold terminal escape sequences,
// NULs or megabytes of text, so nothing from a report reaches the output without passing through here.

/** Longest line the console renderer aims for (curl and replay lines excepted: they must stay pasteable). */
export const LINE_WIDTH = 160;

/** Bodies are cut at about 2 KB: enough to read an error document, small enough for a CI log. */
export const BODY_LIMIT = 2048;

/** ANSI styles. No dependency: seven escape codes are not worth one. */
export interface Paint {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export function paint(color: boolean): Paint {
  const style = (open: number, close: number) => (text: string) =>
    color && text !== '' ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return { green: style(32, 39), red: style(31, 39), yellow: style(33, 39), dim: style(2, 22), bold: style(1, 22) };
}

/**
 * Makes hostile text safe to print on a terminal: C0/C1 controls (ESC starts colour and cursor sequences,
 * U+009B is a one-byte CSI on some terminals), DEL, line/paragraph separators and bidi overrides (the
 * "Trojan Source" trick that reorders what a reader sees) become visible `\uXXXX`. Newlines are kept
 * only when `keepNewlines`, because callers lay out multi-line bodies themselves.
 */
export function visible(text: string, keepNewlines = false): string {
  const unsafe = keepNewlines
    ? /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
    : /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
  return text.replace(unsafe, (ch) => {
    if (ch === '\t') return '\\t';
    if (ch === '\r') return '\\r';
    if (ch === '\n') return '\\n';
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** Cuts `text` to at most `max` characters, saying so with a trailing ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '…'.slice(0, max);
  return `${text.slice(0, max - 1)}…`;
}

/** Breaks `text` at spaces into lines of at most `width` characters (a longer word gets a line of its own). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

/** One-line JSON for expected/actual values; `undefined` (absent) is shown as such rather than as nothing. */
export function compactJson(value: unknown, max: number): string {
  let text: string;
  try {
    text = value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value));
  } catch {
    // A cyclic or BigInt-bearing value cannot come from a JSON report, but a renderer must not throw.
    text = String(value);
  }
  return truncate(visible(text), max);
}

/**
 * A body laid out for reading: pretty-printed when that loses nothing, otherwise verbatim, then bounded
 * to `limit` characters and `maxLines` lines, each line at most `width` characters.
 *
 * Why "when that loses nothing": must-reject cases send bodies that are wrong on purpose (duplicate keys,
 * `1.0` for an integer, odd escapes). Re-serialising those would show the reader a different body from
 * the one that failed, so only bodies already in compact canonical form (what JSON.stringify produces) are
 * re-indented; every other body is shown as sent.
 */
export function bodyLines(body: string, options: { limit?: number; maxLines?: number; width: number }): string[] {
  const limit = options.limit ?? BODY_LIMIT;
  const maxLines = options.maxLines ?? 60;
  if (body === '') return ['(empty body)'];
  let text = body;
  try {
    const parsed: unknown = JSON.parse(body);
    if (JSON.stringify(parsed) === body && typeof parsed === 'object' && parsed !== null) text = JSON.stringify(parsed, null, 2);
  } catch {
    // Not JSON: shown verbatim below.
  }
  const cut = text.length > limit;
  const lines = visible(cut ? text.slice(0, limit) : text, true).split('\n');
  const shown = lines.slice(0, maxLines).map((line) => truncate(line, options.width));
  const hiddenChars = cut ? text.length - limit : 0;
  const hiddenLines = lines.length - shown.length;
  if (hiddenChars > 0 || hiddenLines > 0) {
    const parts: string[] = [];
    if (hiddenLines > 0) parts.push(`${hiddenLines} more line${hiddenLines === 1 ? '' : 's'}`);
    if (hiddenChars > 0) parts.push(`${hiddenChars} more character${hiddenChars === 1 ? '' : 's'} of ${text.length}`);
    shown.push(`… (${parts.join(', ')}; the JSON report has it all)`);
  }
  return shown;
}

/** Response headers worth reading in a failure: the AWS error contract and what identifies the request. */
export const RELEVANT_HEADERS = ['content-type', 'x-amzn-errortype', 'x-amzn-requestid'] as const;

/** Picks the relevant headers whatever their case (the report says lower-case; an endpoint may not be). */
export function relevantHeaders(headers: Record<string, string>): Array<[string, string]> {
  const lower = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  const picked: Array<[string, string]> = [];
  for (const name of RELEVANT_HEADERS) {
    const value = lower.get(name);
    if (value !== undefined) picked.push([name, value]);
  }
  return picked;
}

/** `1234` ms → `1.23s`, `87` → `87ms`, `125000` → `2m05s`. */
export function duration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes}m${String(seconds).padStart(2, '0')}s`;
}

/** `1 check`, `2 checks`. */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}
