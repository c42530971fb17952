import { eachExchange, fail, isSuccess } from './_exchange.ts';
import { expectationOf } from './expectationOf.ts';
import type { Check, CheckContext, CheckFailure, Exchange } from './types.ts';

type Failure = Omit<CheckFailure, 'step'>;

/**
 * The official SDK agrees. Each must-accept step and each step
 * expecting a named error is also sent through @aws-sdk/client-chime-sdk-voice (engine/executeCase.ts).
 * Where the raw answer was a 2xx, the SDK must resolve with a ProxySession whose ProxySessionId is a string
 * and whose timestamps are valid Dates; where the raw answer had the expected error status, the SDK must
 * throw the named exception with that $metadata.httpStatusCode. Other raw answers are status-code's to report.
 */
export const sdkParses: Check = {
  id: 'sdk-parses',
  title: 'the official AWS SDK parses the answer',
  concern: 'response-schema',
  strength: 'required',
  applies: (ctx) => ctx.run.exchanges.some((ex) => judged(ctx, ex) !== undefined),
  run: (ctx) =>
    eachExchange(ctx, (ex) => {
      const verdict = judged(ctx, ex);
      return verdict === 'output' ? output(ex) : verdict ? error(ex, verdict) : [];
    }),
};

/** What the SDK outcome is judged against: a parsed output, a named error, or nothing (undefined). */
function judged(ctx: CheckContext, ex: Exchange): 'output' | { error: string; status: number; why: string } | undefined {
  if (!ex.sdk || !ex.response) return undefined;
  if (ex.step.kind === 'accept') return isSuccess(ex) ? 'output' : undefined;
  const expected = expectationOf(ctx.model, ex.step);
  if (expected.kind !== 'error' || expected.error === undefined || ex.response.status !== expected.status) return undefined;
  return { error: expected.error, status: expected.status, why: expected.why };
}

function output(ex: Exchange): Failure[] {
  const sdk = ex.sdk!;
  if (sdk.kind !== 'output') {
    return [fail('sdk-parses', 'sdk', 'a ProxySession', `${sdk.name}: ${sdk.message}`, `the server answered ${ex.response!.status}, but the SDK threw ${sdk.name} (${sdk.message})`)];
  }
  const failures: Failure[] = [];
  const session = sdk.proxySession;
  if (typeof session?.ProxySessionId !== 'string') {
    failures.push(fail('sdk-parses', 'sdk/ProxySession/ProxySessionId', 'a string', session?.ProxySessionId ?? '(missing)', 'the SDK output has no ProxySessionId string'));
  }
  const raw = (ex.response!.json as { ProxySession?: Record<string, unknown> } | undefined)?.ProxySession;
  for (const [member, became] of Object.entries(sdk.timestamps)) {
    const sent = raw?.[member] !== undefined && raw[member] !== null;
    // A member the server sent must become a valid Date; one the SDK produced must be a valid Date too.
    if (became === 'date' || (became === 'missing' && !sent)) continue;
    failures.push(
      fail('sdk-parses', `sdk/ProxySession/${member}`, 'a valid Date', became, `the SDK turned ${member}${sent ? ` (${JSON.stringify(raw![member])} on the wire)` : ''} into ${became === 'missing' ? 'nothing' : `a value of kind ${became}`}, not a valid Date`),
    );
  }
  return failures;
}

function error(ex: Exchange, expected: { error: string; status: number; why: string }): Failure[] {
  const sdk = ex.sdk!;
  if (sdk.kind !== 'error') {
    const got = sdk.kind === 'output' ? 'resolved with an output' : `threw ${sdk.name} (${sdk.message}), not a service exception`;
    return [fail('sdk-parses', 'sdk', expected.error, sdk.kind === 'output' ? 'output' : sdk.name, `expected the SDK to throw ${expected.error} because ${expected.why}; it ${got}`)];
  }
  const failures: Failure[] = [];
  if (sdk.name !== expected.error) failures.push(fail('sdk-parses', 'sdk/name', expected.error, sdk.name, `expected the SDK to throw ${expected.error} because ${expected.why}; it threw ${sdk.name}`));
  if (sdk.httpStatusCode !== expected.status) {
    failures.push(fail('sdk-parses', 'sdk/$metadata/httpStatusCode', expected.status, sdk.httpStatusCode ?? '(none)', `the SDK's ${sdk.name} carries $metadata.httpStatusCode ${sdk.httpStatusCode ?? '(none)'}, not ${expected.status}`));
  }
  return failures;
}
