import { errorContractOfAnswer } from './errorContractOfAnswer.ts';
import { errorNameOfAnswer } from './errorNameOfAnswer.ts';
import { responseSchemaOfAnswer } from './responseSchemaOfAnswer.ts';
import { statusCodeOfAnswer } from './statusCodeOfAnswer.ts';
import type { ExpectedAnswer, Finding, LifecycleExchange } from './types.ts';

/**
 * The checks every lifecycle call gets, whatever it is for: a complete answer (transport), the expected
 * status (status-code), the output shape on success (response-schema), the AWS error contract and the
 * expected error's name on errors. Without `expected` (a call whose outcome the spec does not fix, such as
 * reading a connector's proxy configuration) the status and error name are not judged. `looked` names the
 * checks that had something to judge.
 */
export function judgeAnswer(exchange: LifecycleExchange, expected: ExpectedAnswer | undefined): { looked: string[]; findings: Finding[] } {
  if (exchange.failure) {
    const { kind, message } = exchange.failure;
    return { looked: ['transport'], findings: [{ check: 'transport', path: 'transport', expected: 'a complete HTTP response', actual: kind, message: `${exchange.operation.name}: ${message}` }] };
  }
  const status = exchange.response!.status;
  const looked = expected ? ['transport', 'status-code'] : ['transport'];
  if (status >= 200 && status <= 299 && exchange.operation.output !== undefined) looked.push('response-schema');
  if (status >= 400) looked.push('error-contract');
  if (expected?.kind === 'error' && status === expected.status) looked.push('error-name');
  return {
    looked,
    findings: [
      ...(expected ? statusCodeOfAnswer(exchange, expected) : []),
      ...responseSchemaOfAnswer(exchange),
      ...errorContractOfAnswer(exchange),
      ...(expected ? errorNameOfAnswer(exchange, expected) : []),
    ],
  };
}
