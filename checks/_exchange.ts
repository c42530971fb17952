import type { OperationModel } from '../src/spec/index.ts';
import { operationOf } from './expectationOf.ts';
import type { CheckContext, CheckFailure, Exchange } from './types.ts';

/** @internal Runs `fn` on every exchange of the case and tags failures with their step. */
export function eachExchange(ctx: CheckContext, fn: (exchange: Exchange, step: number) => Omit<CheckFailure, 'step'>[]): CheckFailure[] {
  return ctx.run.exchanges.flatMap((exchange, step) => fn(exchange, step).map((f) => ({ ...f, step })));
}

/**
 * @internal The ProxySession of a 2xx response to a create (the spec's conformance target, spec /operation)
 * that was expected or allowed to succeed: what the per-session invariants judge.
 */
export function createdSession(exchange: Exchange, model: OperationModel): Record<string, unknown> | undefined {
  const r = exchange.response;
  if (!r || r.status < 200 || r.status > 299 || !maySucceed(exchange)) return undefined;
  if (operationOf(model, exchange.step).name !== model.spec.operation.name) return undefined;
  const body = r.json as { ProxySession?: unknown } | undefined;
  const session = body?.ProxySession;
  return session && typeof session === 'object' && !Array.isArray(session) ? (session as Record<string, unknown>) : undefined;
}

/** @internal Whether the exchange is a 2xx answer to a request that may succeed. */
export function isSuccess(exchange: Exchange): boolean {
  const r = exchange.response;
  return !!r && r.status >= 200 && r.status <= 299 && maySucceed(exchange);
}

/** @internal Whether the exchange got an error status (4xx or 5xx). */
export function isErrorResponse(exchange: Exchange): boolean {
  return !!exchange.response && exchange.response.status >= 400;
}

/** @internal Request body as sent (undefined when it was not a JSON object). */
export function sentBody(exchange: Exchange): Record<string, unknown> | undefined {
  const body = exchange.step.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
}

/** @internal A pass/fail helper for checks that compare one value. */
export function fail(check: string, path: string, expected: unknown, actual: unknown, message: string): Omit<CheckFailure, 'step'> {
  return { check, path, expected, actual, message };
}

/** @internal Only must-accept and unspecified requests may be answered with a session. */
function maySucceed(exchange: Exchange): boolean {
  return exchange.step.kind === 'accept' || exchange.step.kind === 'unspecified';
}

/** The value at a JSON pointer (as ajv reports paths) inside a parsed body; undefined when absent. */
export function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const key of pointer.split('/').slice(1)) node = (node as Record<string, unknown> | undefined)?.[key];
  return node;
}
