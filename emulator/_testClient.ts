import { afterEach } from 'vitest';
import { buildRequest } from '../src/protocol/index.ts';
import { defaultOperation } from '../src/spec/index.ts';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from './startEmulator.ts';

/** A response as the emulator's tests read it. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export interface CallInput {
  /** Label values; VoiceConnectorId defaults to the emulator's default connector. */
  labels?: Record<string, string>;
  /** Query parameters by wire name. */
  query?: Record<string, string>;
  body?: unknown;
}

/**
 * For the emulator's own tests: sends one operation of the default spec (by name) to a running emulator
 * the way the suites do (src/protocol buildRequest: labels, query, JSON body or none) and reads the answer.
 */
export async function callOperation(emulator: RunningEmulator, name: string, input: CallInput = {}): Promise<Answer> {
  const operation = defaultOperation().operation(name);
  const labels = { ...(emulator.voiceConnectorId !== undefined ? { VoiceConnectorId: emulator.voiceConnectorId } : {}), ...input.labels };
  const wire = buildRequest(operation, emulator.url, { labels, ...(input.query ? { query: input.query } : {}), ...(input.body !== undefined ? { body: input.body } : {}) });
  const res = await fetch(wire.url, { method: wire.method, headers: wire.headers, ...(wire.body !== undefined ? { body: wire.body } : {}) });
  return answerOf(res);
}

/** A fetch response read whole: its text, and its JSON when it is JSON. */
export async function answerOf(res: Response): Promise<Answer> {
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A `start` for one test file: every emulator it starts is closed after each test. */
export function emulatorsClosedAfterEach(): (options?: EmulatorOptions) => Promise<RunningEmulator> {
  const running: RunningEmulator[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((e) => e.close()));
  });
  return async (options = {}) => {
    const emulator = await startEmulator(options);
    running.push(emulator);
    return emulator;
  };
}
