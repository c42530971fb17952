import type { SuiteSummary } from '../checks/index.ts';

/**
 * Request latencies as a suite summary reports them: p50, p90, p99 and max, and power-of-two millisecond
 * buckets (1, 2, 4, ... ms, the last open-ended). Shared by runGroup and the lifecycle suite.
 */
export function latencySummary(latencies: readonly number[]): Pick<SuiteSummary, 'latencyMs' | 'latencyHistogram'> {
  const sorted = [...latencies].sort((a, b) => a - b);
  const buckets: { le: number; count: number }[] = [];
  for (let le = 1; le <= 8192; le *= 2) buckets.push({ le, count: 0 });
  buckets.push({ le: Number.MAX_SAFE_INTEGER, count: 0 });
  for (const ms of sorted) buckets.find((b) => ms <= b.le)!.count++;
  return { latencyMs: { p50: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), p99: quantile(sorted, 0.99), max: sorted.at(-1) ?? 0 }, latencyHistogram: buckets };
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 100) / 100;
}
