import type { OperationModel } from '../../src/spec/index.ts';
import type { ClientCaseRun, ClientFailure } from '../types.ts';
import { callsOf, nth, retryability } from './_exchanges.ts';
import { retryAfterOf } from './honoursRetryAfter.ts';

/** A check judged over the whole run rather than case by case. */
export interface RunWideCheck {
  id: string;
  title: string;
  concern: 'behaviour';
  strength: import('../../src/model/report.ts').CheckSummary['strength'];
  /** The cases it looked at, and its failure (on the case that shows it best), if it failed. */
  run(runs: readonly ClientCaseRun[]): { judged: ClientCaseRun[]; failure?: { run: ClientCaseRun; failure: ClientFailure } };
}

/**
 * backoff: retries wait. Over the run, the mean wait before a retry of an answered attempt without
 * Retry-After (from the answer, or the reset, to the retry) is at least /clients/minMeanBackoffMs. Judged
 * over the run, not per retry: full-jitter backoff (the AWS SDKs') may draw a wait of almost nothing
 * now and then, while a client that does not back off never waits at all.
 */
export function backoff(model: OperationModel): RunWideCheck {
  const entry = model.spec.clients!.checks.find((c) => c.id === 'backoff');
  if (!entry) throw new Error('spec /clients/checks has no check backoff');
  const floor = model.spec.clients!.minMeanBackoffMs;
  return {
    id: 'backoff',
    title: entry.evidence,
    concern: 'behaviour',
    strength: entry.strength,
    run: (runs) => {
      const waits: { run: ClientCaseRun; retry: number; ms: number }[] = [];
      for (const run of runs) {
        for (const attempts of callsOf(run.exchanges)) {
          attempts.slice(0, -1).forEach((attempt, i) => {
            const retry = attempts[i + 1]!;
            const from = attempt.answer?.sentAt ?? attempt.resetAt;
            if (from === undefined || from > retry.receivedAt || retryAfterOf(attempt.answer?.headers) !== undefined) return;
            if (retryability(model, attempt, retry.receivedAt).verdict === 'never') return;
            waits.push({ run, retry: retry.index, ms: retry.receivedAt - from });
          });
        }
      }
      const judged = [...new Set(waits.map((w) => w.run))];
      if (waits.length === 0) return { judged };
      const mean = waits.reduce((n, w) => n + w.ms, 0) / waits.length;
      if (mean >= floor) return { judged };
      const shortest = waits.reduce((a, b) => (b.ms < a.ms ? b : a));
      const exchange = shortest.run.exchanges[shortest.retry]!;
      return {
        judged,
        failure: {
          run: shortest.run,
          failure: {
            check: 'backoff',
            path: nth(exchange),
            expected: `a mean wait of at least ${floor} ms before a retry`,
            actual: `${Math.round(mean * 10) / 10} ms over ${waits.length} retries (this one ${shortest.ms} ms)`,
            message: `the client retries without backing off: ${waits.length} retries waited ${Math.round(mean * 10) / 10} ms on average`,
            exchange: exchange.index,
          },
        },
      };
    },
  };
}
