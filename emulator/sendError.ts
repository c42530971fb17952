import type { ServerResponse } from 'node:http';
import { serializeError } from '../src/protocol/index.ts';
import type { EmulatorContext } from './EmulatorContext.ts';
import { sendResponse } from './sendResponse.ts';

export interface SendErrorOptions {
  /** The name on the wire when a fault names the error differently (e.g. SerializationException for malformed JSON). */
  renamed?: string;
  /** Headers beyond the error contract's, e.g. Retry-After on a throttle or WWW-Authenticate on a 401. */
  headers?: Readonly<Record<string, string>>;
}

/**
 * Sends an error through the shared restJson1 serialiser (src/protocol/serializeError: status from spec
 * /errors, name in the spec /errorContract header, body {Code, Message}), then applies the variant's
 * header form and any fault that corrupts errors.
 */
export function sendError(ctx: EmulatorContext, res: ServerResponse, name: string, message: string, options: SendErrorOptions = {}): void {
  const { renamed } = options;
  const serialized = serializeError(ctx.model, name, message);
  const header = ctx.model.spec.errorContract.header.toLowerCase();
  const headers = { ...lowerCased(options.headers ?? {}), ...serialized.headers };
  if (renamed) headers[header] = renamed;
  // Coral-based services append the shape's namespace URI; clients cut the value at ':' (docs/oracle.md, the error-contract check).
  if (ctx.variant.errorTypeSuffix) headers[header] = `${renamed ?? name}:http://internal.amazon.com/coral/com.amazonaws.${ctx.model.spec.service.signingName}/`;
  const sent = ctx.hooks.error({ ...serialized, headers, name, header });
  sendResponse(res, sent);
}

function lowerCased(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
