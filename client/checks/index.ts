import type { OperationModel } from '../../src/spec/index.ts';
import type { ClientCheck } from '../types.ts';
import { acceptsValidInput } from './acceptsValidInput.ts';
import { attemptsBounded } from './attemptsBounded.ts';
import { backoff, type RunWideCheck } from './backoff.ts';
import { body } from './body.ts';
import { createRetriedAfterReset } from './createRetriedAfterReset.ts';
import { errorRead } from './errorRead.ts';
import { headers } from './headers.ts';
import { honoursRetryAfter } from './honoursRetryAfter.ts';
import { labelEncoding } from './labelEncoding.ts';
import { methodAndPath } from './methodAndPath.ts';
import { outputRead } from './outputRead.ts';
import { paginator } from './paginator.ts';
import { query } from './query.ts';
import { retriesOnlyRetryable } from './retriesOnlyRetryable.ts';
import { retriesRetryable } from './retriesRetryable.ts';
import { signature } from './signature.ts';

export type { RunWideCheck };

/**
 * Every check of a client run, in report order: on the wire, behaviour, reading; each one's strength and
 * evidence from spec /clients/checks. With `strict`, opt-in checks are required. A check the spec lists
 * but nothing implements (or the reverse) is an error: the spec and the checks must agree.
 */
export function clientChecks(model: OperationModel, options: { strict: boolean }): { perCase: ClientCheck[]; runWide: RunWideCheck[] } {
  const perCase = [methodAndPath, labelEncoding, query, headers, body, signature, acceptsValidInput, retriesOnlyRetryable, retriesRetryable, attemptsBounded, honoursRetryAfter, createRetriedAfterReset, paginator, outputRead, errorRead].map((make) => make(model));
  const runWide = [backoff(model)];
  const implemented = new Set([...perCase, ...runWide].map((c) => c.id));
  const listed = model.spec.clients?.checks.map((c) => c.id) ?? [];
  const missing = listed.filter((id) => !implemented.has(id));
  if (missing.length > 0) throw new Error(`spec /clients/checks lists ${missing.join(', ')}, which no client check implements`);
  const strict = <T extends { strength: ClientCheck['strength'] }>(c: T): T => (options.strict && c.strength === 'opt-in' ? { ...c, strength: 'required' } : c);
  return { perCase: perCase.map(strict), runWide: runWide.map(strict) };
}
