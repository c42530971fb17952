import type { OperationModel } from '../../src/spec/index.ts';
import { clientCheck, nth, operationOf, splitTarget } from './_exchanges.ts';

/**
 * query: the query string holds, for each @httpQuery member the input set, its queryName with its value
 * (numbers in decimal, booleans as true/false), percent-encoded; and no other parameter (spec
 * /shapes/<input>/members/<member>/queryName). A listing's later pages add its input token, which the
 * paginator check judges.
 */
export function query(model: OperationModel) {
  return clientCheck(
    model,
    'query',
    'wire',
    (ctx) => ctx.run.exchanges.length > 0,
    (ctx, fail) => {
      const operation = operationOf(ctx);
      const expected = new Map<string, string>();
      for (const [member, spec] of Object.entries(operation.queryMembers)) {
        const value = ctx.run.case.input[member];
        if (value !== undefined && value !== null) expected.set(spec.queryName, typeof value === 'string' ? value : JSON.stringify(value));
      }
      // The paginator's own token on later pages (spec /operations/<name>/paging/inputToken).
      const token = ctx.run.case.paginate && operation.paging ? operation.queryMembers[operation.paging.inputToken]?.queryName : undefined;
      return ctx.run.exchanges.flatMap((e) => {
        const raw = splitTarget(e.target).query;
        const sent = new Map<string, string[]>();
        for (const part of (raw ?? '').split('&')) {
          if (part === '') continue;
          const eq = part.indexOf('=');
          let name: string;
          let value: string;
          try {
            name = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
            value = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
          } catch {
            return [fail({ path: `${nth(e)} query`, expected: Object.fromEntries(expected), actual: raw, message: `the query parameter ${JSON.stringify(part)} is not valid percent-encoding`, exchange: e.index })];
          }
          sent.set(name, [...(sent.get(name) ?? []), value]);
        }
        const problems: string[] = [];
        for (const [name, value] of expected) {
          const got = sent.get(name);
          if (!got) problems.push(`${name} is missing`);
          else if (got.length > 1) problems.push(`${name} is sent ${got.length} times`);
          else if (got[0] !== value) problems.push(`${name} is ${JSON.stringify(got[0])}, not ${JSON.stringify(value)}`);
        }
        for (const [name] of sent) if (!expected.has(name) && name !== token) problems.push(`${name} is not a query member the input set`);
        if (problems.length === 0) return [];
        const actual = Object.fromEntries([...sent].map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
        return [fail({ path: `${nth(e)} query`, expected: Object.fromEntries(expected), actual, message: `the query string is wrong: ${problems.join('; ')}`, exchange: e.index })];
      });
    },
  );
}
