import { eachExchange, fail, isErrorResponse } from './_exchange.ts';
import type { Check } from './types.ts';

/**
 * restJson1 servers should name the error in x-amzn-ErrorType (spec /errorContract/header); clients also
 * accept a body `code` or `__type`, so a missing header alone is advisory (error-contract fails when the
 * name is nowhere).
 */
export const errorTypeHeader: Check = {
  id: 'error-type-header',
  title: 'errors carry the x-amzn-ErrorType header',
  concern: 'error-contract',
  strength: 'advisory',
  applies: (ctx) => ctx.run.exchanges.some(isErrorResponse),
  run: (ctx) =>
    eachExchange(ctx, (ex) => {
      if (!isErrorResponse(ex)) return [];
      const header = ctx.model.spec.errorContract.header;
      return ex.response!.headers[header.toLowerCase()] === undefined
        ? [fail('error-type-header', `header:${header.toLowerCase()}`, 'the error name', '(none)', `a ${ex.response!.status} response has no ${header} header`)]
        : [];
    }),
};
