import type { CheckSummary, FailureRecord, SequenceStep } from '../src/model/report.ts';
import { duration, relevantHeaders } from './_format.ts';
import { anchor, attr, block, bodyBlock, esc, num, strengthClass, text, valueBlock } from './_html.ts';
import { rerunText } from './_failureLines.ts';

/**
 * One failing example as a closed <details>: the summary says what case failed and why; opened, it shows
 * expected against actual, the shrunk request, the response (or transport failure), the replay and curl
 * commands with copy buttons, and the failure id. The element's id is the failure id, so
 * `report.html#<id>` opens it.
 */
export function failureDetails(f: FailureRecord, check: CheckSummary, index: number): string {
  const total = check.failures.length;
  const tags = [
    ...(total > 1 ? [`example ${index + 1} of ${total}`] : []),
    f.shrunk ? 'shrunk' : 'not shrunk',
    ...(f.rerun ? [rerunText(f.rerun)] : []),
    `family ${f.family}`,
    `id ${f.id}`,
  ];
  const rows: Array<[string, string]> = [['Reason', text(f.message)]];
  if (f.path !== '') rows.push(['At', `<code>${text(f.path)}</code>`]);
  rows.push(
    ['Expected / actual', `<div class="pair"><div><div class="label exp">expected</div><pre>${valueBlock(f.expected)}</pre></div><div><div class="label act">actual</div><pre>${valueBlock(f.actual)}</pre></div></div>`],
    ['Case', caseFacts(f)],
  );
  // A client under test: the line the runner sent it and the line it answered.
  if (f.testee) rows.push(['Testee', `<pre class="body">${block(`→ ${f.testee.sent}\n← ${f.testee.answered ?? '(no answer)'}`)}</pre>`]);
  if (f.sequence && f.sequence.length > 0) rows.push(['Sequence', sequence(f.sequence)]);
  rows.push(
    [f.sequence ? 'Failing call' : 'Request', request(f.request)],
    ['Response', response(f.response)],
  );
  if (f.transport !== undefined) rows.push(['Transport', transport(f.transport)]);
  rows.push(
    ['Reproduce', `${command('Replay this case with the tool', f.replay)}${command('Send the same request with curl', f.curl)}`],
    ['Failure id', `<code>${text(f.id)}</code> <span class="muted">(this example: what <code>conformance replay</code> takes)</span>`],
    ...(f.fingerprint ? ([['Fingerprint', `<code>${text(f.fingerprint)}</code> <span class="muted">(what failed, the same on every run whatever the seed: what a baseline lists)</span>`]] as Array<[string, string]>) : []),
  );
  const kind = strengthClass(check.strength);
  return [
    `<details class="failure ${kind}" id="${attr(anchor(f.id))}">`,
    `<summary><span class="case">${text(f.caseTitle)}</span><span class="reason">${text(f.message)}</span><span class="tags">${tags.map((t) => text(t)).join(' · ')}</span></summary>`,
    `<div class="detail">${rows.map(([k, v]) => `<div class="k">${esc(k)}</div><div class="v">${v}</div>`).join('')}</div>`,
    '</details>',
  ].join('\n');
}

// --- internal ---

function caseFacts(f: FailureRecord): string {
  const path = f.replayPath === '' ? '' : ` · path <code>${text(f.replayPath)}</code>`;
  const shrunk = f.shrunk ? 'shrunk to the smallest failing case found' : 'not shrunk';
  return `${text(f.caseTitle)}<br><span class="muted">family <code>${text(f.family)}</code> · seed <code>${num(f.seed)}</code>${path} · ${shrunk}</span>`;
}

/**
 * The calls of a failing sequence as a numbered list: each call's title and outcome, expandable to its
 * request, response and curl command.
 */
function sequence(steps: SequenceStep[]): string {
  const items = steps.map((s, i) => {
    const status = s.response?.status;
    // The last call is the one the check failed on, whatever its status.
    const last = i === steps.length - 1;
    const ok = !last && status !== undefined && status >= 200 && status < 300;
    const outcome = status === undefined ? `<span class="status fail">${text(s.transport?.kind ?? 'no answer')}</span>` : `<span class="status ${ok ? 'pass' : 'fail'}">${num(status)}</span>`;
    const retried = s.consistencyRetries ? ` <span class="muted">(read ${num(s.consistencyRetries + 1)} times for eventual consistency)</span>` : '';
    const detail = `${request(s.request)}${response(s.response)}${s.transport ? transport(s.transport) : ''}${command('Send this call with curl', s.curl)}`;
    const here = last ? ' <b class="fail">← fails here</b>' : '';
    return `<li><details><summary><code>${text(s.title)}</code> → ${outcome}${retried}${here}</summary>${detail}</details></li>`;
  });
  return `<ol class="sequence">${items.join('')}</ol>`;
}

function request(r: FailureRecord['request']): string {
  const { method, url, headers, body } = r;
  const headerLines = Object.entries(headers ?? {}).map(([name, value]) => `${name}: ${value}`).join('\n');
  return [
    `<p class="line"><code><b>${text(method)}</b> ${text(url)}</code></p>`,
    headerLines === '' ? '' : `<pre class="headers">${block(headerLines)}</pre>`,
    body === undefined ? '<p class="muted">(no body)</p>' : `<pre class="body">${bodyBlock(body)}</pre>`,
  ].join('');
}

function response(r: FailureRecord['response']): string {
  if (r === undefined) return '<p class="muted">(no response: see Transport)</p>';
  const { status, headers, body } = r;
  const ok = typeof status === 'number' && status >= 200 && status < 300;
  // The AWS error contract's headers first: they are what a reader of a failure looks for.
  const relevant = new Set(relevantHeaders(headers ?? {}).map(([name]) => name));
  const headerLines = Object.entries(headers ?? {})
    .sort(([a], [b]) => Number(relevant.has(b.toLowerCase())) - Number(relevant.has(a.toLowerCase())))
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
  return [
    `<p class="line">status <span class="status ${ok ? 'pass' : 'fail'}">${num(status)}</span></p>`,
    headerLines === '' ? '' : `<pre class="headers">${block(headerLines)}</pre>`,
    `<pre class="body">${bodyBlock(body)}</pre>`,
  ].join('');
}

function transport(t: NonNullable<FailureRecord['transport']>): string {
  const partial = t.partialBody === undefined ? '' : `<pre class="body">${bodyBlock(t.partialBody)}</pre>`;
  return `<p class="line fail"><b>${text(t.kind)}</b> after ${esc(duration(t.elapsedMs))}: ${text(t.message)}</p>${partial}`;
}

/** A command with a copy button: the button copies the exact bytes (JSON in the attribute), the <pre> shows them safely. */
function command(label: string, value: string): string {
  // JSON.stringify escapes every control character and lone surrogate, so the attribute holds printable text only.
  const exact = JSON.stringify(value);
  const shown = block(value);
  const note = shown !== esc(value) ? '<span class="muted"> (control characters shown as \\uXXXX; Copy copies the exact command)</span>' : '';
  return `<div class="cmd"><div class="head"><span>${esc(label)}${note}</span><button type="button" data-copy="${esc(exact)}">Copy</button></div><pre>${shown}</pre></div>`;
}
