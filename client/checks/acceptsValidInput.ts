import type { OperationModel } from '../../src/spec/index.ts';
import { clientCheck } from './_exchanges.ts';

/**
 * accepts-valid-input: a client may refuse invalid input itself (a local error, nothing sent), but never
 * input the spec makes valid: a must-accept case, or a valid one that only names a connector or session
 * that does not exist. A refusal is an error reply with `local: true`, or any error reply for which no
 * request reached the emulator.
 */
export function acceptsValidInput(model: OperationModel) {
  return clientCheck(
    model,
    'accepts-valid-input',
    'behaviour',
    (ctx) => ctx.run.case.kind !== 'reject' && ctx.run.reply !== undefined,
    (ctx, fail) => {
      const reply = ctx.run.reply!;
      if (!('error' in reply) || (reply.error.local !== true && ctx.run.exchanges.length > 0)) return [];
      return [
        fail({
          path: 'reply',
          expected: `a ${ctx.run.case.operation} call sent to the endpoint`,
          actual: reply.error,
          message: `the client refused valid input locally (${reply.error.name}${reply.error.message ? `: ${reply.error.message.slice(0, 200)}` : ''})`,
        }),
      ];
    },
  );
}
