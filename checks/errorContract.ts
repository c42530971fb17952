import { errorTypeOf, MAX_JSON_DEPTH } from '../src/protocol/index.ts';
import { eachExchange, fail, isErrorResponse } from './_exchange.ts';
import { expectationOf, operationOf } from './expectationOf.ts';
import type { Check, CheckFailure } from './types.ts';

/**
 * The AWS restJson1 error contract (spec /errorContract, /errors): the error name in x-amzn-ErrorType
 * (sanitised as AWS clients do), a name the operation declares (any name for input the protocol cannot
 * deserialise, where services differ), the status that error is declared with, and a JSON object body
 * whose Code is an ErrorCode and whose Message is a string.
 */
export const errorContract: Check = {
  id: 'error-contract',
  title: 'error responses keep the AWS error contract',
  concern: 'error-contract',
  strength: 'required',
  applies: (ctx) => ctx.run.exchanges.some(isErrorResponse),
  run: (ctx) =>
    eachExchange(ctx, (ex) => {
      if (!isErrorResponse(ex)) return [];
      const r = ex.response!;
      const contract = ctx.model.spec.errorContract;
      const out: Omit<CheckFailure, 'step'>[] = [];
      const header = r.headers[contract.header.toLowerCase()];
      const name = errorTypeOf(r.headers, r.json, contract.header);
      // AWS clients read the header first, then a body `code`/`__type` (errorTypeOf): an error whose name
      // cannot be found either way cannot be told apart by any SDK. A missing header alone is the advisory
      // error-type-header check's business.
      if (name === undefined) {
        out.push(fail('error-contract', `header:${contract.header.toLowerCase()}`, 'the error name', '(none)', `a ${r.status} response names no error (no ${contract.header} header, no code or __type in the body), so AWS SDKs cannot tell which error it is`));
      }
      const expected = expectationOf(ctx.model, ex.step);
      const anyName = (expected.kind === 'error' && expected.error === undefined) || (expected.kind === 'unspecified' && expected.anyError === true);
      const { errors } = operationOf(ctx.model, ex.step);
      const declared = name !== undefined ? errors[name] : undefined;
      if (name !== undefined && !declared && !anyName) {
        out.push(fail('error-contract', `header:${contract.header.toLowerCase()}`, Object.keys(errors), header ?? name, `error "${name}" is not one the operation declares`));
      }
      if (declared && declared.status !== r.status) {
        out.push(fail('error-contract', 'status', declared.status, r.status, `${name} is declared with status ${declared.status} but came with ${r.status}`));
      }
      if (r.json === undefined || typeof r.json !== 'object' || r.json === null || Array.isArray(r.json)) {
        out.push(fail('error-contract', 'body', 'a JSON object', r.bodyText.slice(0, 200), r.tooDeep ? `the error body nests deeper than ${MAX_JSON_DEPTH} levels, deeper than any error shape` : 'the error body is not a JSON object'));
      } else if (declared || !anyName) {
        // The {Code, Message} body is the declared errors' shape; an error the spec lets be named freely
        // (malformed input, refused signatures: e.g. SerializationException, InvalidSignatureException) need
        // only be a JSON object.
        for (const v of ctx.model.validateErrorBody(r.json)) out.push(fail('error-contract', `body${v.path}`, v.keyword, (r.json as Record<string, unknown>)[v.path.slice(1)], `error body${v.path} ${v.message}`));
      }
      return out;
    }),
};
