import type { ServerResponse } from 'node:http';
import type { ClockState } from '../src/protocol/index.ts';
import type { EmulatorClock } from './createClock.ts';
import { sendResponse } from './sendResponse.ts';

/**
 * Answers the clock-control contract (src/protocol/clockControl.ts; NOT an AWS API, so no signature
 * check, no AWS error contract and no fault applies): GET reads the clock; POST {"advanceSeconds": n}
 * moves it n seconds first (negative: back, never behind the base clock, so that runs sharing one
 * emulator can each undo their own move in any order), POST {"offsetSeconds": n >= 0} sets its offset
 * from the base clock (0 puts it back). n must be a finite number of seconds no larger in size than the
 * span from 1970 to the clock's latest instant, and the move must not take the clock past that instant
 * (createClock.ts: every timestamp the emulator renders stays an RFC 3339 date-time). Anything else is a
 * 400 with a plain JSON {"message": ...}, and the clock stays where it was. `body` is undefined when it
 * was over the emulator's size limit.
 */
export function answerClockControl(clock: EmulatorClock, method: 'GET' | 'POST', body: Buffer | undefined, res: ServerResponse): void {
  if (method === 'POST') {
    const change = changeOf(body, clock.latest.getTime() / 1000);
    if (typeof change === 'string') return send(res, 400, { message: change });
    const moved = 'advanceSeconds' in change ? clock.advance(change.advanceSeconds) : clock.setOffset(change.offsetSeconds);
    if (!moved) {
      const room = Math.floor((clock.latest.getTime() - clock.now().getTime()) / 1000);
      return send(res, 400, { message: `the clock cannot go past ${clock.latest.toISOString()}: from ${clock.now().toISOString()} it can move at most ${room} s forward` });
    }
  }
  const state: ClockState = { now: clock.now().toISOString(), offsetSeconds: clock.offsetSeconds() };
  send(res, 200, state);
}

/** The requested change, or why the body is not a valid request. */
function changeOf(body: Buffer | undefined, maxSeconds: number): { advanceSeconds: number } | { offsetSeconds: number } | string {
  if (body === undefined) return 'the request body is too large';
  let value: unknown;
  try {
    // JSON.parse builds deep nesting without recursing; nothing below walks the value.
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return 'the request body must be JSON: {"advanceSeconds": n} or {"offsetSeconds": n}';
  }
  const object = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const seconds = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= maxSeconds;
  const usage = `the body must be {"advanceSeconds": n} (n a finite number of seconds, negative to go back) or {"offsetSeconds": n} (n >= 0), one of them, with |n| <= ${maxSeconds}`;
  if (Object.hasOwn(object, 'advanceSeconds') === Object.hasOwn(object, 'offsetSeconds')) return usage;
  if (seconds(object.advanceSeconds)) return { advanceSeconds: object.advanceSeconds };
  if (seconds(object.offsetSeconds) && object.offsetSeconds >= 0) return { offsetSeconds: object.offsetSeconds };
  return usage;
}

function send(res: ServerResponse, status: number, value: unknown): void {
  sendResponse(res, { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
}
