import { jsonDepth } from '../src/protocol/index.ts';

/**
 * The deepest nesting of arrays and objects a request body may have. RFC 8259 §9 lets a parser limit the
 * depth of nesting; serde_json stops at 128 levels, as here, and Jackson at 1000. The deepest body the
 * spec describes has 3 (CreateVoiceConnector: the body, Tags, a Tag). Without a bound, a body well within
 * the size limit (4,000 levels are 24 KB) overflowed the stack in the walks that follow parsing (dropNulls
 * below, then validation, the unspecified cases and the JSON echo of the answer) and was answered 500:
 * now it is malformed input (spec /oracle/malformedInput), a 400, before JSON.parse runs.
 */
export const MAX_BODY_DEPTH = 128;

export type ParsedBody =
  | {
      kind: 'object';
      body: Record<string, unknown>;
      /** JSON pointers of the object members that were JSON null and have been dropped. */
      nulls: string[];
    }
  | { kind: 'malformed'; message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Deserialises a restJson1 request body (spec /oracle/malformedInput: syntax and type errors are 400s).
 * An empty body is an empty structure, since restJson1 may omit a body with no members set. A member
 * whose value is JSON null is dropped, as restJson1 deserialisers treat null as "not set"; a null required
 * member therefore fails as missing, and a null optional member (spec unspecified case optional-null) is
 * simply absent. List elements are not touched: a null inside a list stays and fails its type. A body
 * nested deeper than MAX_BODY_DEPTH is malformed.
 */
export function parseBody(bytes: Buffer): ParsedBody {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { kind: 'malformed', message: 'the request body is not valid UTF-8' };
  }
  if (text.trim() === '') return { kind: 'object', body: {}, nulls: [] };
  if (jsonDepth(text, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
    return { kind: 'malformed', message: `the request body nests arrays and objects more than ${MAX_BODY_DEPTH} levels deep` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'malformed', message: `the request body is not valid JSON: ${(error as Error).message}` };
  }
  if (!isObject(value)) {
    return { kind: 'malformed', message: `the request body must be a JSON object, not ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}` };
  }
  const nulls: string[] = [];
  return { kind: 'object', body: dropNulls(value, '', nulls), nulls };
}

/** Recursive, so bounded by MAX_BODY_DEPTH (checked before parsing). */
function dropNulls(object: Record<string, unknown>, pointer: string, nulls: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    const path = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    if (value === null) nulls.push(path);
    // defineProperty, not assignment: a member named "__proto__" must stay a member.
    else Object.defineProperty(out, key, { value: isObject(value) ? dropNulls(value, path, nulls) : value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
