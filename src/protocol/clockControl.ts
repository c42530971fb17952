import { request } from 'undici';
import type { TransportFailure, WireRequest, WireResponse } from './types.ts';

/**
 * The reference emulator's clock control: NOT an AWS API. It lets the lifecycle suite move the emulator's
 * clock forward so that expiry (spec /lifecycle/expired) can be judged without waiting ExpiryMinutes.
 * A real endpoint does not have it: `readClock` then answers undefined and expiry is not judged.
 *
 *   GET  /_conformance/clock                         → 200 {"now": "<date-time>", "offsetSeconds": n}
 *   POST /_conformance/clock {"advanceSeconds": n}   → 200 the same, after moving the clock n seconds on
 *                                                      (negative: back, never behind the base clock)
 *   POST /_conformance/clock {"offsetSeconds": n}    → 200 the same, after setting the offset to n (0: back
 *                                                      to the real clock, so a long-lived emulator's
 *                                                      timestamps and signature checks stay current)
 *   POST with anything else                          → 400 {"message": "..."}, the clock unmoved: n not a finite
 *                                                      number, larger in size than the span from 1970 to the
 *                                                      emulator's latest instant, or a move past that instant
 *                                                      (9999-12-31, so its timestamps stay RFC 3339 date-times)
 *
 * The emulator answers these without a signature check: they change no AWS state.
 */
export const CLOCK_CONTROL_PATH = '/_conformance/clock';

export interface ClockState {
  now: string;
  offsetSeconds: number;
}

/** Told of each clock-control request and what came back (a run's recording, --record): when it went out (epoch ms). */
export type ClockObserver = (request: WireRequest, result: WireResponse | TransportFailure, startedAt: number) => void;

/** The endpoint's controllable clock, or undefined when it has none (any answer but a 200 with a ClockState). */
export async function readClock(endpoint: string, timeoutMs: number, observe?: ClockObserver): Promise<ClockState | undefined> {
  return call(endpoint, 'GET', undefined, timeoutMs, observe);
}

/** Moves the endpoint's clock `seconds` (negative: back); undefined when it has no controllable clock. */
export async function advanceClock(endpoint: string, seconds: number, timeoutMs: number, observe?: ClockObserver): Promise<ClockState | undefined> {
  return call(endpoint, 'POST', JSON.stringify({ advanceSeconds: seconds }), timeoutMs, observe);
}

/** Sets the endpoint's clock offset (0: the real clock again); undefined when it has no controllable clock. */
export async function setClockOffset(endpoint: string, seconds: number, timeoutMs: number): Promise<ClockState | undefined> {
  return call(endpoint, 'POST', JSON.stringify({ offsetSeconds: seconds }), timeoutMs);
}

async function call(endpoint: string, method: 'GET' | 'POST', body: string | undefined, timeoutMs: number, observe?: ClockObserver): Promise<ClockState | undefined> {
  const sent: WireRequest = { method, url: endpoint.replace(/\/+$/, '') + CLOCK_CONTROL_PATH, headers: body !== undefined ? { 'content-type': 'application/json' } : {}, ...(body !== undefined ? { body } : {}) };
  const startedAt = Date.now();
  const started = performance.now();
  let answered = false;
  try {
    const res = await request(sent.url, {
      method,
      ...(body !== undefined ? { body, headers: sent.headers } : {}),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const text = await res.body.text();
    const headers = Object.fromEntries(Object.entries(res.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]])));
    answered = true;
    observe?.(sent, { status: res.statusCode, headers, bodyText: text, elapsedMs: performance.now() - started }, startedAt);
    if (res.statusCode !== 200) return undefined;
    const state = JSON.parse(text) as Partial<ClockState>;
    return typeof state.now === 'string' && typeof state.offsetSeconds === 'number' ? { now: state.now, offsetSeconds: state.offsetSeconds } : undefined;
  } catch (error) {
    if (!answered) observe?.(sent, { kind: 'other', message: (error as Error).message, elapsedMs: performance.now() - started }, startedAt);
    return undefined;
  }
}
