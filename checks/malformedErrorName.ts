import { errorTypeOf } from '../src/protocol/index.ts';
import { eachExchange, fail } from './_exchange.ts';
import { expectationOf } from './expectationOf.ts';
import type { Check } from './types.ts';

/**
 * For input the protocol cannot deserialise (wrong JSON types, not an object, not JSON) the spec demands
 * a 400 but does not ground the error's name, so naming it BadRequestException is only advisory.
 */
export const malformedErrorName: Check = {
  id: 'malformed-error-name',
  title: 'malformed input is named BadRequestException',
  concern: 'error-contract',
  strength: 'advisory',
  applies: (ctx) =>
    ctx.run.exchanges.some((ex) => {
      const expected = expectationOf(ctx.model, ex.step);
      return ex.step.kind === 'reject' && expected.kind === 'error' && expected.error === undefined && ex.response?.status === expected.status;
    }),
  run: (ctx) =>
    eachExchange(ctx, (ex) => {
      const expected = expectationOf(ctx.model, ex.step);
      if (ex.step.kind !== 'reject' || expected.kind !== 'error' || expected.error !== undefined || ex.response?.status !== expected.status) return [];
      const wanted = ctx.model.spec.oracle.constraintViolation.error;
      const name = errorTypeOf(ex.response.headers, ex.response.json, ctx.model.spec.errorContract.header);
      return name === wanted ? [] : [fail('malformed-error-name', `header:${ctx.model.spec.errorContract.header.toLowerCase()}`, wanted, name ?? '(none)', `${expected.why}: named ${name ?? 'nothing'}`)];
    }),
};
