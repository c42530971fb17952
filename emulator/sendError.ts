import type { ServerResponse } from 'node:http';
import { serializeError } from '../src/protocol/index.ts';
import type { EmulatorContext } from './EmulatorContext.ts';
import { sendResponse } from './sendResponse.ts';

/**
 * Sends an error through the shared restJson1 serialiser (src/protocol/serializeError: status from spec
 * /errors, name in the spec /errorContract header, body {Code, Message}), then applies the variant's
 * header form and any fault that corrupts errors.
 */
export function sendError(ctx: EmulatorContext, res: ServerResponse, name: string, message: string, renamed?: string): void {
  const serialized = serializeError(ctx.model, name, message);
  const header = ctx.model.spec.errorContract.header.toLowerCase();
  const headers = { ...serialized.headers };
  // Coral-based services append the shape's namespace URI; clients cut the value at ':' (DESIGN.md, "Errors").
  // A fault may name the error differently on the wire (e.g. SerializationException for malformed JSON).
  if (renamed) headers[header] = renamed;
  if (ctx.variant.errorTypeSuffix) headers[header] = `${renamed ?? name}:http://internal.amazon.com/coral/com.amazonaws.${ctx.model.spec.service.signingName}/`;
  const sent = ctx.hooks.error({ ...serialized, headers, name, header });
  sendResponse(res, sent);
}
