import type { OperationModel, Shape } from '../src/spec/index.ts';

export type ParsedQuery =
  /** Query members (by member name) with typed values; a value that cannot be converted stays a string. */
  | { kind: 'parsed'; members: Record<string, unknown> }
  | { kind: 'malformed'; message: string };

/**
 * Reads the operation's query members (spec `location: query`, Smithy @httpQuery) from a request target.
 * Each parameter is found by its `queryName` and converted to its target's type: integers must be
 * /^-?\d+$/ and booleans `true`/`false`, else the text is kept so that validation reports a type
 * violation like any other invalid input. A repeated parameter counts once (its first value) unless the
 * member is a list. Unknown parameters are ignored. '+' is a literal '+' (RFC 3986, as SigV4 encodes).
 */
export function parseQuery(model: OperationModel, target: string): ParsedQuery {
  const wanted = new Map(Object.entries(model.queryMembers).map(([member, spec]) => [spec.queryName, member]));
  const values = new Map<string, string[]>();
  const query = /\?([^#]*)/.exec(target)?.[1] ?? '';
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    const member = name === undefined ? undefined : wanted.get(name);
    if (member === undefined) continue;
    const value = decode(eq < 0 ? '' : pair.slice(eq + 1));
    if (value === undefined) return { kind: 'malformed', message: `the ${name} query parameter is not valid percent-encoding` };
    values.set(member, [...(values.get(member) ?? []), value]);
  }
  const members: Record<string, unknown> = {};
  for (const [member, texts] of values) {
    const shape = model.shape(model.queryMembers[member]!.target);
    members[member] = shape.type === 'list' ? texts.map((t) => typed(model.shape(shape.member), t)) : typed(shape, texts[0]!);
  }
  return { kind: 'parsed', members };
}

function typed(shape: Shape, text: string): unknown {
  if (shape.type === 'integer') return /^-?\d+$/.test(text) ? Number(text) : text;
  if (shape.type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
