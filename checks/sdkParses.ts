import type { OperationModel } from '../src/spec/index.ts';
import { eachExchange, fail, isSuccess } from './_exchange.ts';
import { expectationOf, operationOf } from './expectationOf.ts';
import type { Check, CheckContext, CheckFailure, Exchange } from './types.ts';

type Failure = Omit<CheckFailure, 'step'>;

/**
 * The official SDK agrees. Each must-accept step and each step expecting a named error of the operations
 * whose calls can be replayed (the create, and the reads: engine/executeCase.ts) is also sent through
 * @aws-sdk/client-chime-sdk-voice, as that operation's command. Where the raw answer was a 2xx, the SDK
 * must resolve with an output that holds every member the answer it read carried (the operation's output
 * shape, followed into structures and lists), each timestamp a valid Date; where the raw answer had the
 * expected error status, the SDK must throw the named exception with that $metadata.httpStatusCode.
 * Other raw answers are status-code's to report.
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
      return verdict === 'output' ? output(ctx.model, ex) : verdict ? error(ex, verdict) : [];
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

function output(model: OperationModel, ex: Exchange): Failure[] {
  const sdk = ex.sdk!;
  // A step on the case's own session, whose SDK copy was told that session does not exist (spec
  // /oracle/unknownProxySession) and threw just that: the SDK read its answer right. The session was gone
  // by the time the copy went out, which only an endpoint whose sessions other cases can end makes happen
  // (one that hands every session the same id, say: the checks of the step's own exchange report it). Any
  // other error the SDK's copy met while the step succeeded is still a failure: the SDK is judged on
  // getting what a raw client gets.
  const gone = model.spec.oracle.unknownProxySession;
  if (ex.step.sessionFrom !== undefined && sdk.kind === 'error' && sdk.name === gone.error && sdk.httpStatusCode === gone.status) return [];
  if (sdk.kind !== 'output') {
    return [fail('sdk-parses', 'sdk', 'the output', `${sdk.name}: ${sdk.message}`, `the server answered ${ex.response!.status}, but the SDK threw ${sdk.name} (${sdk.message})`)];
  }
  const operation = operationOf(model, ex.step);
  return operation.output === undefined ? [] : read(operation, operation.output, sdk.answer, sdk.output, 'sdk');
}

/**
 * What the SDK made (`parsed`) of a value of the shape the answer it read carried (`sent`): a timestamp
 * must be a valid Date (wherever the SDK produced one); a structure must hold every member the answer
 * carried (not null); a list every item.
 */
function read(operation: OperationModel, shapeName: string, sent: unknown, parsed: unknown, path: string): Failure[] {
  const shape = operation.shape(shapeName);
  if (shape.type === 'timestamp') {
    if (parsed instanceof Date && !Number.isNaN(parsed.getTime())) return [];
    const became = parsed === undefined || parsed === null ? 'nothing' : parsed instanceof Date ? 'an invalid Date' : `a value of kind ${typeof parsed}`;
    const wire = sent !== undefined && sent !== null ? ` (${JSON.stringify(sent)} on the wire)` : '';
    return [fail('sdk-parses', path, 'a valid Date', parsed instanceof Date ? 'invalid-date' : parsed === undefined || parsed === null ? 'missing' : typeof parsed, `the SDK turned ${path.slice('sdk/'.length)}${wire} into ${became}, not a valid Date`)];
  }
  if (shape.type === 'structure') {
    const from = isObject(sent) ? sent : {};
    const to = isObject(parsed) ? parsed : {};
    return Object.entries(shape.members).flatMap(([name, member]) => {
      const carried = from[name] !== undefined && from[name] !== null;
      if (carried && (to[name] === undefined || to[name] === null)) {
        return [fail('sdk-parses', `${path}/${name}`, 'the member', '(missing)', `the answer carried ${`${path}/${name}`.slice('sdk/'.length)}, but the SDK output has no ${name}`)];
      }
      return carried || to[name] !== undefined ? read(operation, member.target, from[name], to[name], `${path}/${name}`) : [];
    });
  }
  if (shape.type === 'list' && Array.isArray(sent)) {
    const items = Array.isArray(parsed) ? parsed : [];
    return sent.flatMap((item, i) => read(operation, shape.member, item, items[i], `${path}/${i}`));
  }
  return [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
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
