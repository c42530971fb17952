import type { ServerResponse } from 'node:http';
import type { ClockState } from '../src/protocol/index.ts';
import type { EmulatorClock } from './createClock.ts';
import { sendResponse } from './sendResponse.ts';

/**
 * Answers the clock-control contract (src/protocol/clockControl.ts; NOT an AWS API, so no signature
 * check, no AWS error contract and no fault applies): GET reads the clock; POST {"advanceSeconds": n},
 * n a finite number >= 0, moves it forward first. Anything else in the body is a 400 with a plain JSON
 * {"message": ...}. `body` is undefined when it was over the emulator's size limit.
 */
export function answerClockControl(clock: EmulatorClock, method: 'GET' | 'POST', body: Buffer | undefined, res: ServerResponse): void {
  if (method === 'POST') {
    const seconds = advanceSecondsOf(body);
    if (typeof seconds === 'string') return send(res, 400, { message: seconds });
    clock.advance(seconds);
  }
  const state: ClockState = { now: clock.now().toISOString(), offsetSeconds: clock.offsetSeconds() };
  send(res, 200, state);
}

/** The requested advance, or why the body is not a valid request. */
function advanceSecondsOf(body: Buffer | undefined): number | string {
  if (body === undefined) return 'the request body is too large';
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return 'the request body must be JSON: {"advanceSeconds": n}';
  }
  const seconds = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>).advanceSeconds : undefined;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return 'advanceSeconds must be a finite number of seconds >= 0 (the clock only moves forward)';
  return seconds;
}

function send(res: ServerResponse, status: number, value: unknown): void {
  sendResponse(res, { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
}
