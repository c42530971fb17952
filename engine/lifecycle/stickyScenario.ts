import type { LifecycleScenario } from '../../generators/index.ts';
import { stickyNumbers } from '../../checks/index.ts';
import { recordDeleted } from '../sessionJournal.ts';
import { callOperation } from './callOperation.ts';
import { createForScenario } from './createForScenario.ts';
import { placeAt } from './placeAt.ts';
import type { RunOutcome, SequenceRun } from './types.ts';

/**
 * sticky-numbers (advisory): the pair opens a session with the sticky NumberSelectionBehavior, closes it,
 * and opens another the same way; each participant should get the proxy number it had.
 */
export async function stickyScenario(run: SequenceRun, scenario: LifecycleScenario): Promise<Partial<RunOutcome>> {
  const { ops, options } = run.runtime;
  const first = await createForScenario(run, scenario.participants, scenario.bodies[0]!);
  if (!first.id || first.failures.length > 0) return { failures: first.failures };
  const labels = { VoiceConnectorId: run.runtime.connector.VoiceConnectorId!, ProxySessionId: first.id };
  const closed = await callOperation(run, { operation: ops.delete, title: `DeleteProxySession ${first.id}`, labels, kind: 'accept' });
  if (closed.failures.length > 0) return { failures: closed.failures };
  recordDeleted(options.journalFile, { endpoint: options.endpoint, labels });
  const second = await createForScenario(run, scenario.participants, scenario.bodies[1]!);
  if (!second.id || second.failures.length > 0) return { failures: second.failures };
  run.looked.add('sticky-numbers');
  return { failures: placeAt(run.calls.length - 1, stickyNumbers(first.participants, second.participants)) };
}
