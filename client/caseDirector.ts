import type { RequestDirector } from '../emulator/index.ts';
import type { OperationModel, Shape } from '../src/spec/index.ts';
import type { AttemptPlan, Scenario } from './scenarios.ts';
import type { ClientExchange, SentAnswer } from './types.ts';

/** The header that marks the runner's own requests (sessions it makes before a case): served, never recorded. */
export const RUNNER_HEADER = 'x-conformance-runner';

/** The unknown member the unknown-members scenario puts into every structure of an answer. */
export const UNKNOWN_MEMBER = 'ConformanceUnknownMember';

export interface CaseDirector {
  /** What the emulator calls for every request (EmulatorOptions.director). */
  director: RequestDirector;
  /** From now on requests belong to this case and are answered under its scenario. */
  begin(scenario: Scenario, operation: string): void;
  /** The requests of the case begun last, in arrival order; later requests are counted as strays. */
  end(): ClientExchange[];
  /** Requests that arrived while no case was in flight (sent after the testee had answered). */
  strays(): number;
}

/**
 * Records every request a testee sends and answers it as the case's scenario says (scenarios.ts): the
 * n-th request of a case is its n-th attempt. The answer actually written (after any change) is kept with
 * the request, with when it was written; a reset is kept as such.
 */
export function createCaseDirector(model: OperationModel, runnerToken: string): CaseDirector {
  let current: { scenario: Scenario; operation: string; exchanges: ClientExchange[] } | undefined;
  let strays = 0;
  const director: RequestDirector = (request) => {
    const mark = request.headers[RUNNER_HEADER];
    if ((Array.isArray(mark) ? mark[0] : mark) === runnerToken) return {};
    if (!current) {
      strays++;
      return {};
    }
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = typeof value === 'string' ? [value] : [...value];
    const index = current.exchanges.length;
    const plan = current.scenario.attempt(index);
    const exchange: ClientExchange = {
      index,
      receivedAt: Date.now(),
      method: request.method,
      target: request.target,
      headers,
      body: Buffer.from(request.body),
      scripted: describePlan(plan),
    };
    current.exchanges.push(exchange);
    const operation = model.operation(request.operation ?? current.operation);
    return {
      ...(plan.delayMs ? { delayMs: plan.delayMs } : {}),
      ...(plan.error
        ? {
            error: {
              name: plan.error.name,
              message: `conformance client scenario ${current.scenario.id}: attempt ${index + 1}`,
              ...(plan.error.retryAfterSeconds !== undefined ? { headers: { 'retry-after': String(plan.error.retryAfterSeconds) } } : {}),
            },
          }
        : {}),
      answer: (parts) => {
        if (plan.reset) {
          exchange.resetAt = Date.now();
          return 'reset';
        }
        const body = plan.unknownMembers && parts.status < 300 && operation.output ? withUnknownMembers(model, operation.output, parts.body) : parts.body;
        const sent: SentAnswer = { status: parts.status, headers: { ...parts.headers }, body, sentAt: Date.now() };
        exchange.answer = sent;
        return { ...parts, body };
      },
    };
  };
  return {
    director,
    begin: (scenario, operation) => {
      current = { scenario, operation, exchanges: [] };
    },
    end: () => {
      const exchanges = current?.exchanges ?? [];
      current = undefined;
      return exchanges;
    },
    strays: () => strays,
  };
}

// --- internal ---

function describePlan(plan: AttemptPlan): string {
  if (plan.error) return `answered ${plan.error.name}${plan.error.retryAfterSeconds !== undefined ? ` with Retry-After: ${plan.error.retryAfterSeconds}` : ''}`;
  if (plan.reset) return 'served, then the connection reset';
  if (plan.delayMs) return `answered after ${plan.delayMs} ms`;
  if (plan.unknownMembers) return 'answered with unknown members';
  return 'answered as usual';
}

/**
 * The success body with an unknown member added to every structure the output shape has (the top level,
 * nested structures, the items of lists of structures): clients must ignore members they do not know.
 */
function withUnknownMembers(model: OperationModel, output: string, body: string): string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return body;
  }
  const visit = (shape: Shape, value: unknown): unknown => {
    if (shape.type === 'structure' && value && typeof value === 'object' && !Array.isArray(value)) {
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(value as Record<string, unknown>)) {
        const spec = shape.members[name];
        out[name] = spec ? visit(model.shape(spec.target), member) : member;
      }
      out[UNKNOWN_MEMBER] = { Nested: ['ignored', 1], Flag: true };
      return out;
    }
    if (shape.type === 'list' && Array.isArray(value)) return value.map((item) => visit(model.shape(shape.member), item));
    return value;
  };
  return JSON.stringify(visit(model.shape(output), json));
}
