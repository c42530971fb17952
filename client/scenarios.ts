import type { ClientsSpec, OperationModel } from '../src/spec/index.ts';

/** How the emulator answers one attempt of a call: as usual, with an error, by resetting, slowly. */
export interface AttemptPlan {
  /** An error of the spec instead of the real answer, with Retry-After (seconds) when set. */
  error?: { name: string; retryAfterSeconds?: number };
  /** Serve the request, then reset the connection instead of answering. */
  reset?: boolean;
  delayMs?: number;
  /** Add unknown members to every structure of a success body (clients must ignore them). */
  unknownMembers?: boolean;
}

/**
 * A scenario: how the emulator answers the attempts of the calls of one case, and which calls take part.
 * The errors come from the spec (/retry/errors, /errors and the operation's own errors); the counts and
 * delays from /clients/scenarios.
 */
export interface Scenario {
  id: string;
  title: string;
  /** How attempt `n` (0-based, in the order the case's requests arrive) is answered. */
  attempt(n: number): AttemptPlan;
  /** The operations it is run with; `plain` takes every generator family instead. */
  operations: readonly string[];
  /** Page through a listing with the SDK's paginator. */
  paginate?: boolean;
}

/** The scenario every generator family's cases are answered under: the emulator as it is. */
export const PLAIN = 'plain';
/** The scenario of a listing that needs several pages. */
export const PAGES = 'pages';

/**
 * Every scenario of a client run, in report order. Retry scenarios run a create (not idempotent: POST),
 * and the unavailable and reset ones a read (GET) too, so a client's retry policy is seen on both; every modelled error of the conformance target
 * (spec /operation/errors) is answered on every attempt up to /retry/maxAttempts, after which the call is
 * served, so a client that retries for ever still ends.
 */
export function scenarios(model: OperationModel): Scenario[] {
  const clients = clientsOf(model);
  const { throttles, retryAfterSeconds, slowAnswerMs } = clients.scenarios;
  const { maxAttempts } = model.spec.retry;
  const throttle = retryableError(model, 429);
  const unavailable = retryableError(model, 503);
  const serverFault = Object.keys(model.errors).find((name) => model.errors[name]!.fault === 'server' && !model.spec.retry.errors.includes(name));
  const create = model.name;
  const read = readOperation(model);
  const list = pagedOperation(model);
  const firstN = (count: number, plan: AttemptPlan) => (n: number) => (n < count ? plan : {});
  const out: Scenario[] = [
    { id: PLAIN, title: 'answered as usual', attempt: () => ({}), operations: [] },
    {
      id: 'throttled',
      title: `${throttle} ${throttles} time(s), no Retry-After, then answered`,
      attempt: firstN(throttles, { error: { name: throttle } }),
      operations: [create],
    },
    {
      id: 'throttled-retry-after',
      title: `${throttle} ${throttles} time(s) with Retry-After: ${retryAfterSeconds}, then answered`,
      attempt: firstN(throttles, { error: { name: throttle, retryAfterSeconds } }),
      operations: [create],
    },
    { id: 'unavailable', title: `${unavailable} once, then answered`, attempt: firstN(1, { error: { name: unavailable } }), operations: [create, read] },
    ...(serverFault ? [{ id: 'server-fault', title: `${serverFault} once, then answered`, attempt: firstN(1, { error: { name: serverFault } }), operations: [create] }] : []),
    { id: 'reset', title: 'served, the connection reset instead of answered, then answered', attempt: firstN(1, { reset: true }), operations: [create, read] },
    { id: 'slow', title: `answered after ${slowAnswerMs} ms`, attempt: () => ({ delayMs: slowAnswerMs }), operations: [read] },
    { id: 'unknown-members', title: 'answered with unknown members in every structure', attempt: () => ({ unknownMembers: true }), operations: [create, read, list] },
    ...model.spec.operation.errors.map((name) => ({
      id: `error-${name}`,
      title: `${name} on every attempt (up to ${maxAttempts})`,
      attempt: firstN(maxAttempts, { error: { name } }),
      operations: [create],
    })),
    { id: PAGES, title: `a listing of ${clients.scenarios.pages.sessions} sessions, ${clients.scenarios.pages.pageSize} a page`, attempt: () => ({}), operations: [list], paginate: true },
  ];
  return out;
}

/** The spec's /clients section; a spec without it cannot judge clients. */
export function clientsOf(model: OperationModel): ClientsSpec {
  const clients = model.spec.clients;
  if (!clients) throw new Error('the spec has no /clients section: it cannot judge clients');
  return clients;
}

/** The operation that reads one session: a GET whose labels name a session (spec /cleanup's labels). */
export function readOperation(model: OperationModel): string {
  const cleanup = model.operation(model.spec.cleanup.operation);
  const found = Object.keys(model.spec.operations).find((name) => {
    const op = model.operation(name);
    return op.http.method === 'GET' && op.labels.join() === cleanup.labels.join();
  });
  if (!found) throw new Error('the spec has no GET operation on one session');
  return found;
}

/** The paginated operation (spec /operations/<name>/paging). */
export function pagedOperation(model: OperationModel): string {
  const found = Object.keys(model.spec.operations).find((name) => model.operation(name).paging !== undefined);
  if (!found) throw new Error('the spec has no paginated operation');
  return found;
}

/** The error of /retry/errors with this status (429 throttling, 503 unavailable). */
function retryableError(model: OperationModel, status: number): string {
  const found = model.spec.retry.errors.find((name) => model.spec.errors[name]?.status === status);
  if (!found) throw new Error(`spec /retry/errors has no error with status ${status}`);
  return found;
}
