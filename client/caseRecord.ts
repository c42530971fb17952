import { createHash } from 'node:crypto';
import { fingerprintOf } from '../engine/fingerprint.ts';
import { reportValue } from '../engine/reportValue.ts';
import type { FailureRecord, FailureShape, SequenceStep } from '../src/model/report.ts';
import { curlCommand, redactRequest, type WireRequest } from '../src/protocol/index.ts';
import type { OperationModel } from '../src/spec/index.ts';
import { errorNameOf } from './checks/_exchanges.ts';
import type { ClientCaseRun, ClientExchange, ClientFailure } from './types.ts';

/**
 * A failing case as the reports show it (the same FailureRecord a run against an endpoint has): the case,
 * the reason, every request the client sent for it with the answer each got (the failing one last for a
 * check of one request), the line the runner sent the testee and the one it answered, a curl line of the
 * failing request, a replay line, and a fingerprint of what failed (check, operation, scenario and family,
 * constraint, the answer and what the testee made of it; never the seed or timing).
 */
export function caseRecord(
  model: OperationModel,
  settings: { run: ClientCaseRun; failures: ClientFailure[]; check: { id: string }; seed: number; endpoint: string; region: string; replay: string },
): { record: FailureRecord; shape: FailureShape } {
  const { run, failures, check } = settings;
  const failure = failures[0]!;
  const c = run.case;
  const family = `${c.scenario}/${c.family}`;
  const focus = failure.exchange !== undefined ? run.exchanges[failure.exchange] : run.exchanges.at(-1);
  const shape: FailureShape = {
    check: check.id,
    operation: c.operation,
    family,
    ...(c.covers ? { constraint: c.covers } : {}),
    answer: `${answerShape(model, focus)} → ${replyShape(run)}`,
    ...(c.varies ? { varies: true } : {}),
  };
  const request = focus ? wireRequest(settings.endpoint, focus) : { method: '(none)', url: '(the client sent no request)', headers: {} };
  const shown = failure.exchange !== undefined ? run.exchanges.slice(0, failure.exchange + 1) : run.exchanges;
  const record: FailureRecord = {
    id: createHash('sha1').update(['client', check.id, c.id, settings.seed].join('\u0000')).digest('hex').slice(0, 12),
    fingerprint: fingerprintOf(shape),
    check: check.id,
    family,
    caseTitle: c.scenario === 'plain' ? `${c.operation}, ${c.title}` : c.title,
    message: failures.length > 1 ? `${failure.message} (and ${failures.length - 1} more)` : failure.message,
    path: failure.path,
    expected: reportValue(failure.expected),
    actual: reportValue(failure.actual),
    seed: settings.seed,
    replayPath: c.id,
    shrunk: false,
    request,
    ...(focus?.answer ? { response: { status: focus.answer.status, headers: focus.answer.headers, body: focus.answer.body.slice(0, 16_384) } } : {}),
    ...(focus && !focus.answer ? { transport: { kind: 'reset' as const, message: focus.resetAt !== undefined ? 'the emulator served the request and reset the connection (the scenario)' : 'no answer was written: the client closed the connection first', elapsedMs: (focus.resetAt ?? focus.receivedAt) - focus.receivedAt } } : {}),
    curl: focus ? curlCommand(request, { region: settings.region, service: model.spec.service.signingName }) : '(no request to repeat)',
    replay: settings.replay,
    ...(shown.length > 0 ? { sequence: shown.map((e, i) => step(model, settings, run, e, i)) } : {}),
    testee: { sent: run.sent, ...(run.answered !== undefined ? { answered: run.answered } : {}) },
  };
  return { record, shape };
}

function step(model: OperationModel, settings: { endpoint: string; region: string }, run: ClientCaseRun, e: ClientExchange, i: number): SequenceStep {
  const previous = run.exchanges[i - 1];
  const since = previous ? (previous.answer?.sentAt ?? previous.resetAt) : undefined;
  const wait = since !== undefined ? `, ${((e.receivedAt - since) / 1000).toFixed(3)} s after the previous answer` : '';
  const request = wireRequest(settings.endpoint, e);
  return {
    step: i + 1,
    title: `${run.case.operation} request ${i + 1}${wait}: ${e.scripted}`,
    operation: run.case.operation,
    request,
    ...(e.answer ? { response: { status: e.answer.status, headers: e.answer.headers, body: e.answer.body.slice(0, 16_384) } } : { transport: { kind: 'reset' as const, message: e.resetAt !== undefined ? 'reset by the scenario' : 'no answer written', elapsedMs: 0 } }),
    curl: curlCommand(request, { region: settings.region, service: model.spec.service.signingName }),
  };
}

/** The request as reports keep it: without its signature (src/protocol/redactRequest). */
function wireRequest(endpoint: string, e: ClientExchange): WireRequest {
  const headers = Object.fromEntries(Object.entries(e.headers).map(([k, v]) => [k, v.join(', ')]));
  return redactRequest({ method: e.method, url: `${endpoint}${e.target}`, headers, ...(e.body.length > 0 ? { body: e.body.toString('utf8').slice(0, 16_384) } : {}) });
}

function answerShape(model: OperationModel, e: ClientExchange | undefined): string {
  if (!e) return 'not sent';
  if (!e.answer) return e.resetAt !== undefined ? 'reset' : 'no answer';
  const media = e.answer.headers['content-type']?.split(';')[0]?.trim();
  return [String(e.answer.status), ...(e.answer.status >= 300 ? [errorNameOf(model, e.answer)] : []), ...(media ? [media] : [])].join(' ');
}

function replyShape(run: ClientCaseRun): string {
  const reply = run.reply;
  if (!reply) return 'no reply';
  if ('error' in reply) return `error ${reply.error.name}${reply.error.local ? ' (local)' : ''}`;
  if ('pages' in reply) return 'pages';
  if ('unsupported' in reply) return 'unsupported';
  return 'output';
}
