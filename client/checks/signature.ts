import type { OperationModel } from '../../src/spec/index.ts';
import { verifySigV4 } from '../sigv4.ts';
import { clientCheck, nth } from './_exchanges.ts';

/**
 * sigv4: every request carries a SigV4 signature that the runner's own verification accepts (client/sigv4.ts,
 * never an SDK's signer): signing name spec /service/signingName, the region and credentials the client
 * was given, X-Amz-Date within /clients/clockSkewSeconds of arrival.
 */
export function signature(model: OperationModel) {
  return clientCheck(
    model,
    'sigv4',
    'wire',
    (ctx) => ctx.run.exchanges.length > 0,
    (ctx, fail) =>
      ctx.run.exchanges.flatMap((e) => {
        const verdict = verifySigV4(e, { service: model.spec.service.signingName, region: ctx.region, credentials: ctx.credentials, maxSkewSeconds: model.spec.clients!.clockSkewSeconds });
        if (verdict.ok) return [];
        return [fail({ path: `${nth(e)} authorization`, expected: verdict.canonicalRequest ? { canonicalRequest: verdict.canonicalRequest } : 'a valid SigV4 signature', actual: e.headers.authorization?.[0]?.replace(/Signature=\w+/, 'Signature=…') ?? '(none)', message: `the SigV4 signature does not verify: ${verdict.problem}`, exchange: e.index })];
      }),
  );
}
