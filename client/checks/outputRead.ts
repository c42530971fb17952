import type { OperationModel } from '../../src/spec/index.ts';
import { compareOutput } from '../compareOutput.ts';
import type { ClientCheckContext, ClientExchange } from '../types.ts';
import { callsOf, clientCheck, nth, operationOf, outcomeOf } from './_exchanges.ts';

/**
 * output-read: when a call's last answer was a success, the client returns it: the output it reports
 * holds every modelled member the answer carried, with its value (compareOutput.ts), and nothing else. For
 * a paginated listing, each page it reports against the answer of the same page.
 */
export function outputRead(model: OperationModel) {
  return clientCheck(
    model,
    'output-read',
    'reading',
    (ctx) => ctx.run.reply !== undefined && successes(ctx).length > 0 && !('unsupported' in ctx.run.reply),
    (ctx, fail) => {
      const reply = ctx.run.reply!;
      const operation = operationOf(ctx);
      const answered = successes(ctx);
      const pages = 'pages' in reply ? reply.pages : 'output' in reply ? [reply.output] : undefined;
      if (!pages) {
        const last = answered.at(-1)!;
        const error = 'error' in reply ? reply.error : undefined;
        return [fail({ path: 'reply', expected: `the output of the ${last.answer!.status} answer`, actual: error ?? reply, message: `the call succeeded (${last.answer!.status}), yet the client reported an error${error ? ` ${error.name}` : ''}`, exchange: last.index })];
      }
      return pages.slice(0, answered.length).flatMap((page, i) => {
        const exchange = answered[i]!;
        const differences = compareOutput(model, operation.output, exchange.answer!.body, page);
        if (differences.length === 0) return [];
        const first = differences[0]!;
        const where = 'pages' in reply ? `pages/${i}` : 'output';
        return [
          fail({
            path: `${where}${first.at === '/' ? '' : first.at}`,
            expected: first.sent,
            actual: first.reported,
            message: `the client read the answer to ${nth(exchange)} wrong: ${differences.slice(0, 3).map((d) => `${d.at} ${d.what}`).join('; ')}${differences.length > 3 ? ` (and ${differences.length - 3} more)` : ''}`,
            exchange: exchange.index,
          }),
        ];
      });
    },
  );
}

/** The last attempt of every call that ended in a success, in order (one per page of a listing). */
function successes(ctx: ClientCheckContext): ClientExchange[] {
  return callsOf(ctx.run.exchanges)
    .map((attempts) => attempts.at(-1)!)
    .filter((e) => outcomeOf(ctx.model, e).kind === 'success');
}
