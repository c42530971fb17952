import { jsonDepth } from './jsonDepth.ts';

/**
 * How deep an answer's JSON may nest before it is judged unparsed. Far deeper than any shape a model
 * defines (the deepest output, ListProxySessionsResponse > ProxySessions > ProxySession > Participants >
 * Participant, nests 5 levels; test/specMatchesModel.test.ts checks every output and error stays below it),
 * and shallow enough that nothing which later walks a parsed answer (checks, reports) can run out of stack.
 */
export const MAX_JSON_DEPTH = 64;

/** What an answer's body parses to: the value, or why there is none for a body that is not empty. */
export interface ParsedAnswer {
  json?: unknown;
  /** Set when the body is JSON nested deeper than MAX_JSON_DEPTH: judged as "not a modelled answer", never parsed. */
  tooDeep?: true;
}

/**
 * Parses an answer's body without letting the endpoint decide how deep the run recurses: the nesting is
 * measured first, in one pass over the text, and an answer deeper than MAX_JSON_DEPTH is left unparsed.
 * A body that is empty or not JSON has no value.
 */
export function parseAnswerJson(text: string): ParsedAnswer {
  if (text.trim() === '') return {};
  // A text shorter than 2 * MAX_JSON_DEPTH cannot nest deeper: the scan is skipped for ordinary answers.
  if (text.length > 2 * MAX_JSON_DEPTH && jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return { tooDeep: true };
  try {
    return { json: JSON.parse(text) as unknown };
  } catch {
    return {};
  }
}
