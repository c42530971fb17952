import type { ServerResponse } from 'node:http';
import type { ClockState } from '../src/protocol/index.ts';
import type { EmulatorClock } from './createClock.ts';
import { sendResponse } from './sendResponse.ts';

/**
 * Answers the clock-control contract (src/protocol/clockControl.ts; NOT an AWS API, so no signature
 * check, no AWS error contract and no fault applies): GET reads the clock; POST {"advanceSeconds": n}
 * moves it n seconds first (negative: back, never behind the base clock, so that runs sharing one
 * emulator can each undo their own move in any order), POST {"offsetSeconds": n >= 0} sets its offset
 * from the base clock (0 puts it back). Anything else in the body is a 400 with a plain JSON {"message": ...}.
 * `body` is undefined when it was over the emulator's size limit.
 */
export function answerClockControl(clock: EmulatorClock, method: 'GET' | 'POST', body: Buffer | undefined, res: ServerResponse): void {
  if (method === 'POST') {
    const change = changeOf(body);
    if (typeof change === 'string') return send(res, 400, { message: change });
    if (change.advanceSeconds !== undefined) clock.advance(change.advanceSeconds);
    else clock.advance(change.offsetSeconds - clock.offsetSeconds());
  }
  const state: ClockState = { now: clock.now().toISOString(), offsetSeconds: clock.offsetSeconds() };
  send(res, 200, state);
}

/** The requested change, or why the body is not a valid request. */
function changeOf(body: Buffer | undefined): { advanceSeconds: number } | { advanceSeconds?: undefined; offsetSeconds: number } | string {
  if (body === undefined) return 'the request body is too large';
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return 'the request body must be JSON: {"advanceSeconds": n} or {"offsetSeconds": n}';
  }
  const object = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
  if (finite(object.advanceSeconds)) return { advanceSeconds: object.advanceSeconds };
  if (finite(object.offsetSeconds) && object.offsetSeconds >= 0) return { offsetSeconds: object.offsetSeconds };
  return 'the body must be {"advanceSeconds": n} (n a finite number of seconds, negative to go back) or {"offsetSeconds": n} (n >= 0)';
}

function send(res: ServerResponse, status: number, value: unknown): void {
  sendResponse(res, { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
}
