import { eachExchange, fail, isSuccess, valueAt } from './_exchange.ts';
import { operationOf } from './expectationOf.ts';
import { MAX_JSON_DEPTH } from '../src/protocol/index.ts';
import type { OperationModel } from '../src/spec/index.ts';
import type { Check, Exchange } from './types.ts';

/**
 * A success body is JSON that satisfies the output shape of the operation called (spec /operation/output,
 * /operations/<name>/output, compiled to JSON Schema). An operation with no output (Smithy Unit, e.g.
 * DeleteProxySession's 204) has no body to judge.
 */
export const responseSchema: Check = {
  id: 'response-schema',
  title: 'the success body matches the output shape',
  concern: 'response-schema',
  strength: 'required',
  applies: (ctx) => ctx.run.exchanges.some((ex) => judged(ctx.model, ex)),
  run: (ctx) =>
    eachExchange(ctx, (ex) => {
      if (!judged(ctx.model, ex)) return [];
      const r = ex.response!;
      if (r.tooDeep) return [fail('response-schema', 'body', 'a JSON body of the output shape', r.bodyText.slice(0, 200), `the success body nests deeper than ${MAX_JSON_DEPTH} levels, deeper than any output shape`)];
      if (r.json === undefined) return [fail('response-schema', 'body', 'a JSON body', r.bodyText.slice(0, 200), 'the success body is not JSON')];
      return operationOf(ctx.model, ex.step).validateOutput(r.json).map((v) => fail('response-schema', `body${v.path}`, v.keyword, valueAt(r.json, v.path), `body${v.path} ${v.message}`));
    }),
};

function judged(model: OperationModel, ex: Exchange): boolean {
  return isSuccess(ex) && operationOf(model, ex.step).output !== undefined;
}
