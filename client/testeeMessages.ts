import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import type { ClientCase, TesteeReply } from './types.ts';

/** The JSON Schema of the testee protocol, shipped with the package (spec/ is in package.json "files"). */
export const TESTEE_PROTOCOL_SCHEMA = fileURLToPath(new URL(`${import.meta.url.endsWith('.ts') ? '' : '../'}../spec/testee-protocol.schema.json`, import.meta.url));

let compiled: { reply: ValidateFunction; case: ValidateFunction } | undefined;

function validators(): { reply: ValidateFunction; case: ValidateFunction } {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(TESTEE_PROTOCOL_SCHEMA, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: false, strict: false });
  ajv.addSchema(schema);
  const id = schema.$id as string;
  compiled = { reply: ajv.getSchema(`${id}#/$defs/reply`)!, case: ajv.getSchema(`${id}#/$defs/case`)! };
  return compiled;
}

/** The line that asks the testee to make one case's call (the schema's `case`). */
export function caseLine(id: string, c: ClientCase): string {
  const message = { id, operation: c.operation, input: c.input, ...(c.paginate ? { paginate: true as const } : {}) };
  if (!validators().case(message)) throw new Error(`conformance client: a case message breaks its own schema: ${JSON.stringify(validators().case.errors)}`);
  return JSON.stringify(message);
}

/**
 * A line the testee wrote, as a reply to case `id`, or what is wrong with it: not JSON, not a reply by the
 * schema, another case's id.
 */
export function parseReply(line: string, id: string): { reply: TesteeReply } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { problem: 'it is not JSON (a testee writes only protocol messages to stdout, its logs go to stderr)' };
  }
  const validate = validators().reply;
  if (!validate(value)) {
    const first = validate.errors?.[0];
    return { problem: `it is not a reply by spec/testee-protocol.schema.json${first ? ` (${first.instancePath || 'the message'} ${first.message})` : ''}` };
  }
  const reply = value as TesteeReply;
  if (reply.id !== id) return { problem: `it answers case id ${JSON.stringify(reply.id)}, but the case in flight is ${JSON.stringify(id)} (one reply per case, in order)` };
  return { reply };
}
