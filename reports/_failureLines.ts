import type { FailureRecord, SequenceStep } from '../src/model/report.ts';
import { bodyLines, compactJson, duration, relevantHeaders, truncate, visible, type Paint } from './_format.ts';

const LABEL = 10;

/**
 * One failing example as lines of text: what was expected and seen, the exchange, and how to reproduce it
 * (schemathesis ends every failure with "Reproduce with:" and a curl line; fast-check prints seed and path),
 * with `replayCommand` (the `conformance replay ID` line) when the caller knows the report directory.
 * Shared by the console renderer and the JUnit <failure> text so both tell the same story.
 */
export function failureLines(failure: FailureRecord, p: Paint, width: number, replayCommand?: string): string[] {
  const inner = width - LABEL;
  const field = (label: string, value: string) => `${p.dim(label.padEnd(LABEL))}${value}`;
  const more = (value: string) => `${' '.repeat(LABEL)}${value}`;
  const lines: string[] = [];

  lines.push(field('case', truncate(visible(failure.caseTitle), inner)));
  lines.push(field('reason', truncate(visible(failure.message), inner)));
  if (failure.path !== '') lines.push(field('at', truncate(visible(failure.path), inner)));
  lines.push(field('expected', p.green(compactJson(failure.expected, inner))));
  lines.push(field('actual', p.red(compactJson(failure.actual, inner))));
  // A client under test: what the runner asked of it and what it answered, as the lines went over its pipe.
  if (failure.testee) {
    lines.push(field('to testee', truncate(visible(failure.testee.sent), inner)));
    lines.push(field('testee', failure.testee.answered === undefined ? p.red('(no answer)') : truncate(visible(failure.testee.answered), inner)));
  }

  // A failing sequence of calls: every call numbered, the failing one last (then shown in full below).
  if (failure.sequence && failure.sequence.length > 0) {
    lines.push(field('sequence', p.dim(`${failure.sequence.length} call${failure.sequence.length === 1 ? '' : 's'}, ${failure.shrunk ? 'shrunk to the shortest that fails' : 'not shrunk'}`)));
    failure.sequence.forEach((step, i) => lines.push(...sequenceStepLines(step, i === failure.sequence!.length - 1, p, inner).map(more)));
  }

  const { request } = failure;
  lines.push(field('request', truncate(visible(`${request.method} ${request.url}`), inner)));
  if (request.body !== undefined) lines.push(...bodyLines(request.body, { width: inner }).map(more));

  if (failure.response) {
    const { status, headers, body } = failure.response;
    const headerText = relevantHeaders(headers).map(([name, value]) => `${name}: ${visible(value)}`);
    const statusText = status >= 200 && status < 300 ? p.green(String(status)) : p.red(String(status));
    const oneLine = [String(status), ...headerText].join('  ');
    if (oneLine.length <= inner) lines.push(field('response', [statusText, ...headerText].join('  ')));
    else lines.push(field('response', statusText), ...headerText.map((h) => more(truncate(h, inner))));
    lines.push(...bodyLines(body, { width: inner }).map(more));
  }
  if (failure.transport) {
    const { kind, message, elapsedMs } = failure.transport;
    const text = `${kind} after ${duration(elapsedMs)}: ${visible(message)}`;
    lines.push(field('transport', p.red(truncate(text, inner))));
  }

  lines.push(p.bold('Reproduce:'));
  // The curl and replay lines are never cut: a shortened command is worse than a long line. Control
  // characters are still made visible (a raw ESC would reach the terminal); the note says where the
  // exact bytes are.
  const curl = visible(failure.curl);
  const replay = visible(failure.replay);
  lines.push(`  ${curl}`, `  ${replay}`);
  if (replayCommand !== undefined) lines.push(`  ${visible(replayCommand)}  ${p.dim('# the same, keeping this report')}`);
  if (curl !== failure.curl || replay !== failure.replay) {
    lines.push(p.yellow('  (control characters are shown as \\uXXXX above; report.json holds the exact command)'));
  }

  const tags = [...(failure.rerun ? [rerunText(failure.rerun)] : []), ...(failure.fingerprint ? [`fingerprint ${visible(failure.fingerprint)}`] : []), `id ${visible(failure.id)}`, failure.shrunk ? 'shrunk' : 'not shrunk', `seed ${failure.seed}`];
  if (failure.replayPath !== '') tags.push(`path ${visible(failure.replayPath)}`);
  tags.push(`family ${visible(failure.family)}`);
  lines.push(p.dim(truncate(tags.join(' · '), width)));
  return lines;
}

/** One numbered call: `3. GetProxySession s1 → 404 NotFoundException`, then the request line. */
function sequenceStepLines(step: SequenceStep, last: boolean, p: Paint, width: number): string[] {
  const status = step.response?.status;
  const error = step.response ? relevantHeaders(step.response.headers).find(([name]) => name.toLowerCase() === 'x-amzn-errortype')?.[1] : undefined;
  const outcome =
    status === undefined
      ? p.red(step.transport ? `${step.transport.kind}` : 'no answer')
      : `${status >= 200 && status < 300 && !last ? p.green(String(status)) : p.red(String(status))}${error ? ` ${visible(error)}` : ''}`;
  const retried = step.consistencyRetries ? p.dim(` (read ${step.consistencyRetries + 1} times for eventual consistency)`) : '';
  const here = last ? p.red(' ← fails here') : '';
  const head = `${String(step.step).padStart(2)}. ${truncate(visible(step.title), Math.max(20, width - 44))} → ${outcome}${retried}${here}`;
  return [head, p.dim(`    ${truncate(visible(`${step.request.method} ${step.request.url}`), width - 4)}`)];
}

/** `reproducible (failed 2 of 2 reruns)` or `flaky (failed 1 of 2 reruns)`: how a kept example fared when run again. */
export function rerunText(rerun: { runs: number; failed: number }): string {
  return `${rerun.failed === rerun.runs ? 'reproducible' : 'flaky'} (failed ${rerun.failed} of ${rerun.runs} rerun${rerun.runs === 1 ? '' : 's'})`;
}
