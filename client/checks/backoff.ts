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
 * Retry-After (from the answer, or the reset, to the retry) is at least /clients/backoff/turnarounds times
 * the client's median turnaround (from a case's line to its first request: what one request costs this
 * client on this machine, so a loaded machine slows a client that does not back off and the yardstick
 * alike) and at least /clients/backoff/minMeanMs; judged once there are /clients/backoff/minRetries such
 * retries. Over the run, not per retry: full-jitter backoff (the AWS SDKs') may draw a wait of almost
 * nothing now and then, while a client that does not back off never waits at all.
 */
export function backoff(model: OperationModel): RunWideCheck {
  const entry = model.spec.clients!.checks.find((c) => c.id === 'backoff');
  if (!entry) throw new Error('spec /clients/checks has no check backoff');
  const { turnarounds, minMeanMs, minRetries } = model.spec.clients!.backoff;
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
      if (waits.length < minRetries) return { judged: [] };
      const judged = [...new Set(waits.map((w) => w.run))];
      // The first case also starts the testee: not a turnaround of a request.
      const turnaround = median(runs.slice(1).flatMap((r) => (r.exchanges[0] ? [r.exchanges[0].receivedAt - r.askedAt] : [])));
      const floor = Math.max(minMeanMs, turnarounds * turnaround);
      const mean = waits.reduce((n, w) => n + w.ms, 0) / waits.length;
      if (mean >= floor) return { judged };
      const shortest = waits.reduce((a, b) => (b.ms < a.ms ? b : a));
      const exchange = shortest.run.exchanges[shortest.retry]!;
      const round = (ms: number) => Math.round(ms * 10) / 10;
      return {
        judged,
        failure: {
          run: shortest.run,
          failure: {
            check: 'backoff',
            path: nth(exchange),
            expected: `a mean wait of at least ${round(floor)} ms before a retry (${turnarounds} × the client's median turnaround of ${round(turnaround)} ms, at least ${minMeanMs} ms)`,
            actual: `${round(mean)} ms over ${waits.length} retries (this one ${shortest.ms} ms)`,
            message: `the client retries without backing off: ${waits.length} retries waited ${round(mean)} ms on average, about ${round(mean / Math.max(turnaround, 0.1))} of its own turnarounds`,
            exchange: exchange.index,
          },
        },
      };
    },
  };
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
