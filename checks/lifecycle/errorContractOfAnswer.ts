import type { RequestCase } from '../../generators/types.ts';
import { errorContract } from '../errorContract.ts';
import type { CheckContext } from '../types.ts';
import type { Finding, LifecycleExchange } from './types.ts';

/**
 * error-contract for a lifecycle call: the very check every other suite runs (errorContract.ts), applied
 * to the call's own operation, so its declared errors (spec /operations/<name>/errors) are the ones a name
 * is looked up in. The call is presented as a documented request: every lifecycle call has a valid JSON
 * body or none, so an error must be a declared one with its declared status and the {Code, Message} body.
 */
export function errorContractOfAnswer(exchange: LifecycleExchange): Finding[] {
  const { response } = exchange;
  if (!response || response.status < 400) return [];
  const step: RequestCase = { kind: 'accept', labels: exchange.labels, ...(exchange.body !== undefined ? { body: exchange.body } : {}) };
  const ctx: CheckContext = {
    model: exchange.operation,
    run: { case: { family: 'lifecycle', steps: [step] }, exchanges: [{ step, request: exchange.request, response, sentAt: 0, receivedAt: 0 }] },
    state: { seenSessionIds: new Map() },
    options: { strict: false },
  };
  return errorContract.run(ctx).map(({ step: _, ...finding }) => ({ ...finding, message: `${exchange.operation.name}: ${finding.message}` }));
}
