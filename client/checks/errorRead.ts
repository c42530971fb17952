import type { OperationModel } from '../../src/spec/index.ts';
import type { ClientFailure } from '../types.ts';
import { clientCheck, nth, outcomeOf } from './_exchanges.ts';

/**
 * error-read: when a call's last answer was an error, the client raises it under the error's name (the
 * spec /errorContract header, as clients sanitise it) and, where it reports a status, that status; when
 * the call got no answer (a reset), it raises an error of its own. A client that refused the input
 * locally sent nothing and says so (`local: true`); one that says so must indeed have sent nothing.
 */
export function errorRead(model: OperationModel) {
  return clientCheck(
    model,
    'error-read',
    'reading',
    (ctx) => {
      const reply = ctx.run.reply;
      if (!reply || 'unsupported' in reply) return false;
      const last = ctx.run.exchanges.at(-1);
      return last === undefined || outcomeOf(model, last).kind !== 'success' || ('error' in reply && reply.error.local === true);
    },
    (ctx, fail) => {
      const reply = ctx.run.reply!;
      const error = 'error' in reply ? reply.error : undefined;
      const last = ctx.run.exchanges.at(-1);
      if (!last) {
        if (!error) return [fail({ path: 'reply', expected: 'an error (nothing was sent)', actual: reply, message: 'the client reported a result, yet sent no request' })];
        return error.local === true ? [] : [fail({ path: 'reply/error/local', expected: true, actual: error.local, message: `no request reached the endpoint, so ${error.name} is a local refusal: the reply must say so (local: true)` })];
      }
      if (error?.local === true) return [fail({ path: 'reply/error/local', expected: 'no local flag', actual: true, message: `the client says it refused the input locally, yet sent ${ctx.run.exchanges.length} request(s)`, exchange: last.index })];
      const outcome = outcomeOf(model, last);
      if (outcome.kind === 'none') {
        return error ? [] : [fail({ path: 'reply', expected: 'an error', actual: reply, message: `${nth(last)} got no answer (${outcome.why}), yet the client reported a result`, exchange: last.index })];
      }
      if (outcome.kind !== 'error') return [];
      const { name, answer } = outcome;
      if (!error) return [fail({ path: 'reply', expected: { name, status: answer.status }, actual: reply, message: `the call ended with ${name} (${answer.status}), yet the client reported a result`, exchange: last.index })];
      const out: ClientFailure[] = [];
      if (error.name !== name) out.push(fail({ path: 'reply/error/name', expected: name, actual: error.name, message: `the client surfaced ${name} (${answer.status}) as ${error.name}`, exchange: last.index }));
      if (error.status !== undefined && error.status !== answer.status) out.push(fail({ path: 'reply/error/status', expected: answer.status, actual: error.status, message: `the client reports status ${error.status} for a ${answer.status} answer`, exchange: last.index }));
      return out;
    },
  );
}
