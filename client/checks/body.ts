import type { OperationModel } from '../../src/spec/index.ts';
import { clientCheck, nth, operationOf } from './_exchanges.ts';

/**
 * body: the JSON body is exactly the input's body members serialised per restJson1: no member added,
 * dropped or given another value or JSON type (lists in order). An operation without body members sends
 * no body.
 */
export function body(model: OperationModel) {
  return clientCheck(
    model,
    'body',
    'wire',
    (ctx) => ctx.run.exchanges.length > 0,
    (ctx, fail) => {
      const operation = operationOf(ctx);
      const members = Object.keys(operation.bodyMembers);
      const expected = Object.fromEntries(members.filter((m) => ctx.run.case.input[m] !== undefined).map((m) => [m, ctx.run.case.input[m]]));
      return ctx.run.exchanges.flatMap((e) => {
        const text = e.body.toString('utf8');
        if (members.length === 0) {
          return text === '' ? [] : [fail({ path: `${nth(e)} body`, expected: '(no body)', actual: text.slice(0, 2000), message: `${operation.name} has no body members, yet the client sent a ${e.body.length}-byte body`, exchange: e.index })];
        }
        let sent: unknown;
        try {
          sent = JSON.parse(text);
        } catch {
          return [fail({ path: `${nth(e)} body`, expected, actual: text.slice(0, 2000), message: 'the body is not JSON', exchange: e.index })];
        }
        if (!sent || typeof sent !== 'object' || Array.isArray(sent)) return [fail({ path: `${nth(e)} body`, expected, actual: sent, message: 'the body is not a JSON object', exchange: e.index })];
        const differences = differencesOf(expected, sent as Record<string, unknown>, '');
        return differences.length === 0 ? [] : [fail({ path: `${nth(e)} body${differences[0]!.at}`, expected, actual: sent, message: `the body is not the input serialised: ${differences.map((d) => `${d.at || '/'} ${d.what}`).join('; ')}`, exchange: e.index })];
      });
    },
  );
}

function differencesOf(expected: unknown, sent: unknown, at: string): { at: string; what: string }[] {
  const type = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (type(expected) !== type(sent)) return [{ at, what: `is ${type(sent)} ${JSON.stringify(sent)?.slice(0, 80)}, not ${type(expected)} ${JSON.stringify(expected)?.slice(0, 80)}` }];
  if (Array.isArray(expected)) {
    const list = sent as unknown[];
    if (list.length !== expected.length) return [{ at, what: `has ${list.length} items, not ${expected.length}` }];
    return expected.flatMap((item, i) => differencesOf(item, list[i], `${at}/${i}`));
  }
  if (expected && typeof expected === 'object') {
    const e = expected as Record<string, unknown>;
    const s = sent as Record<string, unknown>;
    return [
      ...Object.keys(e).filter((k) => !(k in s)).map((k) => ({ at: `${at}/${k}`, what: 'is missing' })),
      ...Object.keys(s).filter((k) => !(k in e)).map((k) => ({ at: `${at}/${k}`, what: 'was added' })),
      ...Object.keys(e).filter((k) => k in s).flatMap((k) => differencesOf(e[k], s[k], `${at}/${k}`)),
    ];
  }
  return Object.is(expected, sent) ? [] : [{ at, what: `is ${JSON.stringify(sent)?.slice(0, 80)}, not ${JSON.stringify(expected)?.slice(0, 80)}` }];
}
