import type { LifecycleScenario } from '../../generators/index.ts';
import { expiredListed, expiryClosesSession } from '../../checks/index.ts';
import { advanceClock, CLOCK_CONTROL_PATH, readClock, type ClockObserver } from '../../src/protocol/index.ts';
import type { TrafficRole } from '../../src/model/traffic.ts';
import { callOperation } from './callOperation.ts';
import { createForScenario } from './createForScenario.ts';
import { listAllPages } from './listAllPages.ts';
import { placeAt } from './placeAt.ts';
import { readConsistently } from './readConsistently.ts';
import type { RunOutcome, SequenceRun } from './types.ts';

const NO_CLOCK = "the endpoint has no controllable clock (only the reference emulator has one: src/protocol/clockControl.ts), so expiry is not judged";

/**
 * expiry-closes-session (spec /lifecycle/expired): a session with the shortest ExpiryMinutes, then the
 * endpoint's clock moved just past them (the emulator's clock control, not an AWS API), then a Get must
 * show the expired status with the ended member, and a List filtered by that status must hold it. Without
 * a controllable clock nothing is sent and the check is not judged.
 */
export async function expiryScenario(run: SequenceRun, scenario: LifecycleScenario): Promise<Partial<RunOutcome>> {
  const { options } = run.runtime;
  const before = await readClock(options.endpoint, options.timeoutMs, recorded(run, 'clock-control'));
  if (!before) return { unjudged: { 'expiry-closes-session': NO_CLOCK } };
  const moved = { seconds: 0, before: before.offsetSeconds };
  try {
    return await judgeExpiry(run, scenario, moved);
  } finally {
    // Back by as much as this probe moved it: a long-lived emulator (conformance serve) keeps current
    // timestamps and signature checks however many runs it serves, and runs that share it and overlap
    // each undo only their own move (setting the offset they read would undo another's). The expired
    // session stays expired.
    if (moved.seconds > 0) await advanceClock(options.endpoint, -moved.seconds, options.timeoutMs, recorded(run, 'clock-control'));
  }
}

async function judgeExpiry(run: SequenceRun, scenario: LifecycleScenario, undo: { seconds: number; before: number }): Promise<Partial<RunOutcome>> {
  const { options, ops, terms, model } = run.runtime;
  const expired = model.spec.lifecycle.expired;
  const body = scenario.bodies[0]!;
  const created = await createForScenario(run, scenario.participants, body);
  if (!created.id || created.failures.length > 0) return { failures: created.failures };
  const id = created.id;
  const minutes = typeof created.session?.ExpiryMinutes === 'number' ? created.session.ExpiryMinutes : Number(body.ExpiryMinutes);
  const seconds = minutes * 60 + 1;
  const moved = await advanceClock(options.endpoint, seconds, options.timeoutMs, recorded(run, 'call'));
  if (moved) undo.seconds = seconds;
  // The answer was lost (a timeout or reset), but the clock may have moved all the same: undo it if the
  // offset now stands at least that far past the one read before.
  else if (((await readClock(options.endpoint, options.timeoutMs, recorded(run, 'clock-control')))?.offsetSeconds ?? undo.before) >= undo.before + seconds) undo.seconds = seconds;
  run.calls.push({
    title: `move the endpoint's clock ${seconds} s forward (the emulator's clock control, not an AWS API)`,
    operation: 'clock-control',
    request: { method: 'POST', url: options.endpoint.replace(/\/+$/, '') + CLOCK_CONTROL_PATH, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceSeconds: seconds }) },
    ...(moved ? { response: { status: 200, headers: { 'content-type': 'application/json' }, bodyText: JSON.stringify(moved), json: moved, elapsedMs: 0 } } : {}),
  });
  if (!moved) return { unjudged: { 'expiry-closes-session': `${NO_CLOCK} (it answered a read of its clock but did not move it)` } };
  run.looked.add('expiry-closes-session');
  const labels = { VoiceConnectorId: run.runtime.connector.VoiceConnectorId!, ProxySessionId: id };
  const read = await readConsistently(run, async () => {
    const { call, step, failures } = await callOperation(run, { operation: ops.get, title: `GetProxySession ${id}`, labels, kind: 'accept' });
    return { failures: [...failures, ...placeAt(step, expiryClosesSession(id, call, expired))] };
  });
  if (read.length > 0) return { failures: read };
  const query = { [terms.list.statusQuery]: expired.status };
  const listed = await readConsistently(run, async () => {
    const page = await listAllPages(run, query, ` ${terms.list.statusQuery} ${expired.status}`);
    return { failures: [...page.failures, ...placeAt(page.lastStep, expiredListed(id, page.listed, page.complete, expired))] };
  });
  return { failures: listed };
}

/**
 * --record: the clock-control requests go around the run's client (they are no AWS calls: unsigned, outside
 * the budgets), so they are handed to the recording here. The move is one of the probe's calls (the report
 * lists it); reading the clock and moving it back are not.
 */
function recorded(run: SequenceRun, role: TrafficRole): ClockObserver | undefined {
  const traffic = run.runtime.options.traffic;
  return traffic && ((request, result, startedAt) => traffic.exchange({ request, result, startedAt, role, attempt: 1 }));
}
