import type { OperationModel } from '../../src/spec/index.ts';
import type { ClientExchange, ClientFailure } from '../types.ts';
import { callsOf, clientCheck, nth, operationOf, outcomeOf, splitTarget } from './_exchanges.ts';

/**
 * paginator: asked to page through a listing, the client's paginator asks for the first page without a
 * token, then sends, page after page, the token the previous page named (spec /operations/<name>/paging:
 * inputToken, outputToken), and stops after the first page that names none; the pages it reports are the
 * pages it read. A call that ended in an error ends the listing (error-read judges the error).
 */
export function paginator(model: OperationModel) {
  return clientCheck(
    model,
    'paginator',
    'behaviour',
    (ctx) => ctx.run.case.paginate === true && ctx.run.reply !== undefined && 'pages' in ctx.run.reply,
    (ctx, fail) => {
      const operation = operationOf(ctx);
      const paging = operation.paging!;
      const queryName = operation.queryMembers[paging.inputToken]!.queryName;
      const calls = callsOf(ctx.run.exchanges).map((attempts) => attempts.at(-1)!);
      const out: ClientFailure[] = [];
      let expectedToken: string | undefined;
      for (const [i, call] of calls.entries()) {
        const token = tokenOf(call, queryName);
        if (token !== expectedToken) {
          out.push(fail({ path: `${nth(call)} query ${queryName}`, expected: expectedToken ?? '(none)', actual: token ?? '(none)', message: i === 0 ? 'the first page was asked for with a token' : `page ${i + 1} was asked for with another token than page ${i} named`, exchange: call.index }));
          break;
        }
        const outcome = outcomeOf(model, call);
        if (outcome.kind !== 'success') return out;
        expectedToken = nextToken(outcome.answer.body, paging.outputToken);
        if (expectedToken === undefined && i < calls.length - 1) {
          out.push(fail({ path: nth(calls[i + 1]!), expected: 'no further request', actual: `${calls.length - i - 1} more request(s)`, message: `page ${i + 1} named no next token, yet the paginator went on`, exchange: calls[i + 1]!.index }));
          break;
        }
      }
      const last = calls.at(-1);
      if (out.length === 0 && last && expectedToken !== undefined) {
        out.push(fail({ path: nth(last), expected: `a request for the page after ${nth(last)} (${paging.inputToken} ${expectedToken})`, actual: 'none', message: `the paginator stopped after ${calls.length} page(s), although the last one named a next token`, exchange: last.index }));
      }
      const reply = ctx.run.reply as { pages: unknown[] };
      const read = calls.filter((c) => outcomeOf(model, c).kind === 'success').length;
      if (out.length === 0 && reply.pages.length !== read) out.push(fail({ path: 'reply/pages', expected: `${read} page(s)`, actual: `${reply.pages.length} page(s)`, message: `the client read ${read} page(s) but reported ${reply.pages.length}` }));
      return out;
    },
  );
}

function tokenOf(call: ClientExchange, queryName: string): string | undefined {
  const query = splitTarget(call.target).query ?? '';
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    try {
      if (decodeURIComponent(eq < 0 ? part : part.slice(0, eq)) === queryName) return eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function nextToken(body: string, member: string): string | undefined {
  try {
    const value = (JSON.parse(body) as Record<string, unknown>)[member];
    return typeof value === 'string' && value !== '' ? value : undefined;
  } catch {
    return undefined;
  }
}
