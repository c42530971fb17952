import { eachExchange, fail } from './_exchange.ts';
import type { Check } from './types.ts';

/** Every request gets a complete response: no hang past the timeout, no reset, no body over the size cap. */
export const transport: Check = {
  id: 'transport',
  title: 'every request gets a complete HTTP response in time',
  concern: 'transport',
  strength: 'required',
  applies: () => true,
  run: (ctx) =>
    eachExchange(ctx, (ex) => (ex.failure ? [fail('transport', 'transport', 'a complete HTTP response', ex.failure.kind, ex.failure.message)] : [])),
};
