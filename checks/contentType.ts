import { eachExchange, fail } from './_exchange.ts';
import type { Check } from './types.ts';

/** restJson1 bodies (success and error) are JSON: Content-Type application/json (seed page, Response Syntax). */
export const contentType: Check = {
  id: 'content-type',
  title: 'responses with a body are application/json',
  concern: 'status',
  strength: 'required',
  applies: (ctx) => ctx.run.exchanges.some((ex) => ex.response && ex.response.bodyText.length > 0),
  run: (ctx) =>
    eachExchange(ctx, (ex) => {
      const r = ex.response;
      if (!r || r.bodyText.length === 0) return [];
      const type = (r.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      return type === 'application/json' ? [] : [fail('content-type', 'header:content-type', 'application/json', r.headers['content-type'] ?? '(none)', `a ${r.status} response with a body has Content-Type ${r.headers['content-type'] ?? '(none)'}`)];
    }),
};
