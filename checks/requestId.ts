import { eachExchange, fail } from './_exchange.ts';
import type { Check } from './types.ts';

/**
 * Every response carries x-amzn-RequestId (spec /errorContract/requestIdHeader). AWS services send it and
 * SDKs surface it as $metadata.requestId, but the model does not require it: advisory.
 */
export const requestId: Check = {
  id: 'request-id',
  title: 'responses carry a request id',
  concern: 'error-contract',
  strength: 'advisory',
  applies: (ctx) => ctx.run.exchanges.some((ex) => ex.response),
  run: (ctx) =>
    eachExchange(ctx, (ex) => {
      const header = ctx.model.spec.errorContract.requestIdHeader.toLowerCase();
      if (!ex.response || ex.response.headers[header]) return [];
      return [fail('request-id', `header:${header}`, 'a request id', '(none)', `a ${ex.response.status} response has no ${ctx.model.spec.errorContract.requestIdHeader}`)];
    }),
};
