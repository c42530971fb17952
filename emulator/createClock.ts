/** The emulator's one clock: an injectable base plus an offset (never negative) that clock control moves. */
export interface EmulatorClock {
  now(): Date;
  /**
   * Moves the clock `seconds` forward (negative: back, never behind the base clock). A move that would put
   * it past `latest`, or that is not a finite number, is refused and changes nothing: answers whether it moved.
   */
  advance(seconds: number): boolean;
  /** Sets the offset from the base clock to `seconds` (>= 0), refused like `advance`: answers whether it moved. */
  setOffset(seconds: number): boolean;
  /** How far the clock has been moved so far. */
  offsetSeconds(): number;
  /** The latest instant the clock may be moved to. */
  readonly latest: Date;
}

/**
 * The latest instant clock control may move the clock to: one day before the last instant an RFC 3339
 * date-time can write (Smithy timestampFormat date-time has a four-digit year), so that every timestamp
 * the emulator renders stays one. The day covers any UTC offset a rendering may add (RFC 3339 offsets are
 * under 24 hours; the offset-no-millis variant adds 2) and the real clock moving on after such a move. Past
 * 9999 Date.toISOString writes a six-digit year, and past ±8.64e15 ms a Date is invalid and toISOString
 * throws: a move there once made every later create and List answer 500 until a restart.
 */
const LATEST = new Date('9999-12-31T00:00:00.000Z');

/**
 * The effective clock is `base() + offset` (EmulatorOptions.now, else Date.now). Expiry, timestamps and
 * signature skew all read it, so moving it forward (src/protocol/clockControl.ts) ages everything at once;
 * moving it back again (never behind the base) undoes that for timestamps, not for sessions already expired.
 */
export function createClock(base: () => Date = () => new Date()): EmulatorClock {
  let offsetMs = 0;
  const setOffsetMs = (ms: number): boolean => {
    const next = Math.max(0, ms);
    if (!Number.isFinite(next) || base().getTime() + next > LATEST.getTime()) return false;
    offsetMs = next;
    return true;
  };
  return {
    now: () => new Date(base().getTime() + offsetMs),
    advance: (seconds) => Number.isFinite(seconds) && setOffsetMs(offsetMs + seconds * 1000),
    setOffset: (seconds) => Number.isFinite(seconds) && seconds >= 0 && setOffsetMs(seconds * 1000),
    offsetSeconds: () => offsetMs / 1000,
    latest: LATEST,
  };
}
