import type { SuiteSummary } from '../src/model/report.ts';
import { attr, count, num } from './_html.ts';

const BAR = 30;
const GAP = 6;
const HEIGHT = 96;
const TOP = 16;
const BOTTOM = 20;

/**
 * A suite's request latencies as an inline SVG bar chart: one bar per bucket from the first to the last
 * that holds a request (empty buckets in between are kept, so the x axis stays logarithmic and honest).
 * Colours come from the page's CSS classes, so the chart follows the light or dark theme.
 */
export function latencyChart(buckets: NonNullable<SuiteSummary['latencyHistogram']>, label: string): string {
  // Numbers only from here on: report.json can be read back from disk, so its values are not trusted raw.
  const histogram = buckets.map((b) => ({ le: Number(b.le), count: Number(b.count) || 0 }));
  const first = histogram.findIndex((b) => b.count > 0);
  if (first < 0) return '<p class="muted">no request was timed</p>';
  const last = histogram.length - 1 - [...histogram].reverse().findIndex((b) => b.count > 0);
  const shown = histogram.slice(Math.max(0, first - 1), last + 1);
  const max = Math.max(...shown.map((b) => b.count));
  const total = histogram.reduce((n, b) => n + b.count, 0);
  const width = shown.length * (BAR + GAP) + GAP;
  const bars = shown.map((bucket, i) => {
    const x = GAP + i * (BAR + GAP);
    const h = bucket.count === 0 ? 0 : Math.max(2, Math.round((bucket.count / max) * HEIGHT));
    const y = TOP + HEIGHT - h;
    const lower = i === 0 ? (first === 0 ? 0 : histogram[first - 2]?.le ?? 0) : shown[i - 1]!.le;
    const range = isOpenEnded(bucket.le) ? `more than ${num(lower)} ms` : `${num(lower)}–${num(bucket.le)} ms`;
    const tip = `${count(bucket.count, 'request')} took ${range}`;
    return [
      `<g><title>${tip}</title>`,
      `<rect class="bar" x="${x}" y="${y}" width="${BAR}" height="${h}" rx="2"></rect>`,
      bucket.count > 0 ? `<text class="count" x="${x + BAR / 2}" y="${y - 4}">${num(bucket.count)}</text>` : '',
      `<text class="tick" x="${x + BAR / 2}" y="${TOP + HEIGHT + 14}">${isOpenEnded(bucket.le) ? `&gt;${num(lower)}` : `≤${num(bucket.le)}`}</text>`,
      '</g>',
    ].join('');
  });
  const aria = `${label}: latency of ${total} request${total === 1 ? '' : 's'}, milliseconds per bucket`;
  return [
    `<svg class="hist" role="img" aria-label="${attr(aria)}" width="${width}" height="${TOP + HEIGHT + BOTTOM}" viewBox="0 0 ${width} ${TOP + HEIGHT + BOTTOM}">`,
    `<line class="axis" x1="0" y1="${TOP + HEIGHT + 0.5}" x2="${width}" y2="${TOP + HEIGHT + 0.5}"></line>`,
    ...bars,
    '</svg>',
  ].join('');
}

// --- internal ---

/** The last bucket catches everything slower than the one before it (its `le` is a huge sentinel). */
function isOpenEnded(le: number): boolean {
  return !Number.isFinite(le) || le >= Number.MAX_SAFE_INTEGER;
}
