import { eachExchange, fail, isSuccess, valueAt } from './_exchange.ts';
import type { Check } from './types.ts';

/** A success body is JSON that satisfies the output shape (spec /operation/output, compiled to JSON Schema). */
export const responseSchema: Check = {
  id: 'response-schema',
  title: 'the success body matches the output shape',
  concern: 'response-schema',
  strength: 'required',
  applies: (ctx) => ctx.run.exchanges.some(isSuccess),
  run: (ctx) =>
    eachExchange(ctx, (ex) => {
      if (!isSuccess(ex)) return [];
      const r = ex.response!;
      if (r.json === undefined) return [fail('response-schema', 'body', 'a JSON body', r.bodyText.slice(0, 200), 'the success body is not JSON')];
      return ctx.model.validateOutput(r.json).map((v) => fail('response-schema', `body${v.path}`, v.keyword, valueAt(r.json, v.path), `body${v.path} ${v.message}`));
    }),
};
