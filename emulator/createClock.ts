/** The emulator's one clock: an injectable base plus an offset (never negative) that clock control moves. */
export interface EmulatorClock {
  now(): Date;
  /** Moves the clock `seconds` forward (negative: back, never behind the base clock). */
  advance(seconds: number): void;
  /** How far the clock has been moved so far. */
  offsetSeconds(): number;
}

/**
 * The effective clock is `base() + offset` (EmulatorOptions.now, else Date.now). Expiry, timestamps and
 * signature skew all read it, so moving it forward (src/protocol/clockControl.ts) ages everything at once;
 * moving it back again (never behind the base) undoes that for timestamps, not for sessions already expired.
 */
export function createClock(base: () => Date = () => new Date()): EmulatorClock {
  let offsetMs = 0;
  return {
    now: () => new Date(base().getTime() + offsetMs),
    advance: (seconds) => {
      offsetMs = Math.max(0, offsetMs + seconds * 1000);
    },
    offsetSeconds: () => offsetMs / 1000,
  };
}
