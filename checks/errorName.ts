import { errorTypeOf } from '../src/protocol/index.ts';
import { eachExchange, fail } from './_exchange.ts';
import { expectationOf } from './expectationOf.ts';
import type { Check } from './types.ts';

/**
 * The error the oracle names: BadRequestException for a broken constraint trait, NotFoundException for an
 * unknown voice connector (spec /oracle). Checked only when the status already is the expected one, so a
 * wrong status is reported once, by status-code.
 */
export const errorName: Check = {
  id: 'error-name',
  title: 'the error is the one the spec names',
  concern: 'error-contract',
  strength: 'required',
  applies: (ctx) => ctx.run.exchanges.some((ex) => named(ctx.model, ex)),
  run: (ctx) =>
    eachExchange(ctx, (ex) => {
      const expected = expectationOf(ctx.model, ex.step);
      if (expected.kind !== 'error' || expected.error === undefined || ex.response?.status !== expected.status) return [];
      const name = errorTypeOf(ex.response.headers, ex.response.json, ctx.model.spec.errorContract.header);
      return name === expected.error ? [] : [fail('error-name', `header:${ctx.model.spec.errorContract.header.toLowerCase()}`, expected.error, name ?? '(none)', `expected ${expected.error} because ${expected.why}; got ${name ?? 'no error name'}`)];
    }),
};

function named(model: Parameters<typeof expectationOf>[0], ex: { step: Parameters<typeof expectationOf>[1]; response?: { status: number } }): boolean {
  const expected = expectationOf(model, ex.step);
  return expected.kind === 'error' && expected.error !== undefined && ex.response?.status === expected.status;
}
