import type { OperationModel } from '../../src/spec/index.ts';
import type { ClientFailure } from '../types.ts';
import { clientCheck, nth } from './_exchanges.ts';

/**
 * headers: a request with a body says Content-Type application/json (restJson1); Host names the endpoint
 * the client was given; X-Amz-Date is one basic ISO 8601 UTC instant (SigV4). How far X-Amz-Date is from
 * the clock is the signature's to judge (sigv4), so one defect fails one check.
 */
export function headers(model: OperationModel) {
  return clientCheck(
    model,
    'headers',
    'wire',
    (ctx) => ctx.run.exchanges.length > 0,
    (ctx, fail) => {
      const host = new URL(ctx.endpoint).host;
      return ctx.run.exchanges.flatMap((e) => {
        const one = (name: string) => (e.headers[name]?.length === 1 ? e.headers[name]![0]!.trim() : e.headers[name]?.join(', '));
        const out: ClientFailure[] = [];
        if (e.body.length > 0) {
          const type = one('content-type');
          const media = type?.split(';')[0]?.trim().toLowerCase();
          if (media !== 'application/json') out.push(fail({ path: `${nth(e)} header content-type`, expected: 'application/json', actual: type ?? '(none)', message: `a ${e.body.length}-byte body goes without Content-Type application/json (restJson1)`, exchange: e.index }));
        }
        const sentHost = one('host');
        if (sentHost?.toLowerCase() !== host.toLowerCase()) out.push(fail({ path: `${nth(e)} header host`, expected: host, actual: sentHost ?? '(none)', message: 'Host does not name the endpoint the client was given', exchange: e.index }));
        const date = one('x-amz-date');
        if (date === undefined || !/^\d{8}T\d{6}Z$/.test(date)) out.push(fail({ path: `${nth(e)} header x-amz-date`, expected: 'YYYYMMDDTHHMMSSZ', actual: date ?? '(none)', message: 'X-Amz-Date is missing or not a basic ISO 8601 UTC instant', exchange: e.index }));
        return out;
      });
    },
  );
}
