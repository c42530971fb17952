import { sanitizeErrorType } from '../../src/protocol/index.ts';
import type { OperationModel } from '../../src/spec/index.ts';
import type { ClientCheck, ClientCheckContext, ClientExchange, ClientFailure, SentAnswer } from '../types.ts';

/** @internal A check from its spec entry (/clients/checks: strength and evidence) and its judgement. */
export function clientCheck(
  model: OperationModel,
  id: string,
  concern: ClientCheck['concern'],
  applies: (ctx: ClientCheckContext) => boolean,
  run: (ctx: ClientCheckContext, fail: (failure: Omit<ClientFailure, 'check'>) => ClientFailure) => ClientFailure[],
): ClientCheck {
  const entry = model.spec.clients?.checks.find((c) => c.id === id);
  if (!entry) throw new Error(`spec /clients/checks has no check ${id}`);
  return { id, title: entry.evidence, concern, strength: entry.strength, applies, run: (ctx) => run(ctx, (f) => ({ check: id, ...f })) };
}

/** @internal How an exchange ended for the client: a success, an error with its name, or no answer. */
export type Outcome = { kind: 'success'; answer: SentAnswer } | { kind: 'error'; answer: SentAnswer; name: string } | { kind: 'none'; why: string };

/** @internal What the client got back for one request. */
export function outcomeOf(model: OperationModel, exchange: ClientExchange): Outcome {
  const answer = exchange.answer;
  if (!answer) return { kind: 'none', why: exchange.resetAt !== undefined ? 'the connection was reset' : 'no answer was written (the client closed the connection first)' };
  if (answer.status < 300) return { kind: 'success', answer };
  return { kind: 'error', answer, name: errorNameOf(model, answer) };
}

/** @internal The error an answer names, as clients read it (spec /errorContract/header, sanitised). */
export function errorNameOf(model: OperationModel, answer: SentAnswer): string {
  const header = answer.headers[model.spec.errorContract.header.toLowerCase()];
  return header !== undefined ? sanitizeErrorType(header) : `HTTP ${answer.status}`;
}

/** @internal One call of the SDK: its attempts, in order (consecutive requests with the same method, target and body). */
export function callsOf(exchanges: readonly ClientExchange[]): ClientExchange[][] {
  const calls: ClientExchange[][] = [];
  for (const e of exchanges) {
    const last = calls.at(-1)?.at(-1);
    if (last && last.method === e.method && last.target === e.target && last.body.equals(e.body)) calls.at(-1)!.push(e);
    else calls.push([e]);
  }
  return calls;
}

/** @internal May a retry follow this attempt, given when the retry arrived? must: spec /retry/errors; may: a server fault or no answer yet; never: anything else. */
export function retryability(model: OperationModel, attempt: ClientExchange, retryArrivedAt: number): { verdict: 'must' | 'may' | 'never'; why: string } {
  const outcome = outcomeOf(model, attempt);
  // A retry that came before the answer was written: the client stopped waiting (its own timeout).
  if (outcome.kind === 'none' || outcome.answer.sentAt > retryArrivedAt) return { verdict: 'may', why: outcome.kind === 'none' ? outcome.why : 'the retry came before the answer' };
  if (outcome.kind === 'success') return { verdict: 'never', why: `the attempt succeeded (${outcome.answer.status})` };
  if (model.spec.retry.errors.includes(outcome.name)) return { verdict: 'must', why: `${outcome.name} is in spec /retry/errors` };
  const error = model.spec.errors[outcome.name];
  if (error?.fault === 'server' || (!error && outcome.answer.status >= 500)) return { verdict: 'may', why: `${outcome.name} is a server fault` };
  return { verdict: 'never', why: `${outcome.name} (${outcome.answer.status}) is a client fault: the same request fails the same way` };
}

/** @internal `request 2`: an exchange as the reports number it. */
export function nth(exchange: ClientExchange): string {
  return `request ${exchange.index + 1}`;
}

/** @internal The raw path (still percent-encoded) and query string of a request target. */
export function splitTarget(target: string): { path: string; query: string | undefined } {
  const clean = target.split('#', 1)[0]!;
  const q = clean.indexOf('?');
  return q < 0 ? { path: clean, query: undefined } : { path: clean.slice(0, q), query: clean.slice(q + 1) };
}

/** @internal The operation a case calls. */
export function operationOf(ctx: ClientCheckContext): OperationModel {
  return ctx.model.operation(ctx.run.case.operation);
}
