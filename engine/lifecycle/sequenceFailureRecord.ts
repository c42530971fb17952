import { createHash } from 'node:crypto';
import type { CheckFailure, FailureRecord, CheckInfo, SequenceStep } from '../../checks/index.ts';
import { curlCommand, redactRequest, type WireRequest } from '../../src/protocol/index.ts';
import { caseDigest } from '../caseDigest.ts';
import type { LifecycleRuntime, RecordedCall, RunOutcome } from './types.ts';
import { reportValue } from '../reportValue.ts';
import { answerShape, fingerprintOf } from '../fingerprint.ts';
import type { FailureShape } from '../../src/model/report.ts';
import type { OperationModel } from '../../src/spec/index.ts';

/**
 * A failure of the lifecycle suite as the reports show it: the numbered calls of the (shrunk) sequence,
 * the failing one marked by `request`/`response`, the check's message, expected and actual, and the line
 * that replays exactly this sequence. The id is the fingerprint runGroup gives failures: (suite, check,
 * family, seed, path), so the same failure keeps its id across runs.
 */
export function sequenceFailureRecord(
  runtime: LifecycleRuntime,
  suite: string,
  check: CheckInfo,
  family: { id: string; title: string; kind: string },
  /** Where the sequence or probe is in its family (fast-check path) and the value there (for --case-digest). */
  where: { path: string; value: unknown; seed?: number },
  shrunk: boolean,
  outcome: RunOutcome,
): FailureRecord {
  const { options } = runtime;
  const { path } = where;
  const seed = where.seed ?? options.seed;
  const mine: CheckFailure[] = outcome.failures.filter((f) => f.check === check.id);
  const failure = mine[0]!;
  const at = failure.step ?? outcome.calls.length - 1;
  const call = outcome.calls[at]!;
  const sequence = outcome.calls.map((c, i): SequenceStep => ({ step: i + 1, title: c.title, operation: c.operation, ...exchangeOf(runtime, c), ...(c.consistencyRetries ? { consistencyRetries: c.consistencyRetries } : {}) }));
  return {
    id: createHash('sha1').update([suite, check.id, family.id, seed, path].join('\u0000')).digest('hex').slice(0, 12),
    fingerprint: fingerprintOf(sequenceShape(runtime.model, family, outcome, failure)),
    check: check.id,
    family: family.id,
    caseTitle: family.kind === 'sequence' ? `a sequence of ${outcome.calls.length} lifecycle call${outcome.calls.length === 1 ? '' : 's'}` : family.title,
    message: mine.length > 1 ? `${failure.message} (and ${mine.length - 1} more)` : failure.message,
    path: `step ${at + 1} ${failure.path}`,
    expected: reportValue(failure.expected),
    actual: reportValue(failure.actual),
    seed,
    replayPath: path,
    shrunk,
    ...exchangeOf(runtime, call),
    caseDigest: caseDigest(where.value, options.voiceConnectorId),
    replay: `${options.replayBase} --seed ${seed} --family ${family.id} --path ${path} --case-digest ${caseDigest(where.value, options.voiceConnectorId)}`,
    sequence,
  };
}

/** One call's request (secrets removed), answer and curl line. */
function exchangeOf(runtime: LifecycleRuntime, call: RecordedCall): { request: WireRequest; response?: FailureRecord['response']; transport?: FailureRecord['transport']; curl: string } {
  const { options, model } = runtime;
  const request = redactRequest(call.request);
  // The clock control is not an AWS API and is not signed.
  const sigv4 = options.auth === 'sigv4' && call.operation !== 'clock-control' ? { region: options.region, service: model.spec.service.signingName } : undefined;
  return {
    request,
    ...(call.response ? { response: { status: call.response.status, headers: call.response.headers, body: call.response.bodyText.slice(0, 16_384) } } : {}),
    ...(call.failure ? { transport: call.failure } : {}),
    curl: curlCommand(request, sigv4),
  };
}

/** What a check's failure on a sequence is (engine/fingerprint.ts): the failing call's operation and answer. */
export function sequenceShape(model: OperationModel, family: { id: string; kind: string }, outcome: RunOutcome, failure: CheckFailure): FailureShape {
  const call = outcome.calls[failure.step ?? outcome.calls.length - 1];
  // Random sequences change with the seed; the probes (scenarios) are the same on every run.
  return { check: failure.check, operation: call?.operation ?? model.name, family: family.id, answer: answerShape(model, call), ...(family.kind === 'sequence' ? { varies: true } : {}) };
}
