import { lifecycleTerms } from '../generators/index.ts';
import { buildCleanupRequest, isTransportFailure, type AuthSettings } from '../src/protocol/index.ts';
import type { OperationModel } from '../src/spec/index.ts';
import { connectorsWithDeletes, deletedAmong } from '../engine/sessionJournal.ts';
import { sessionsOn } from './sessionsOn.ts';
import { withTransport, type Transport } from '../engine/createTransport.ts';

export interface ConfirmResult {
  /** Sessions the endpoint still listed after their delete had answered success, deleted again. */
  redeleted: number;
  /** `connector/session` ids still listed after spec /lifecycle/cleanupAttempts/deletes rounds. */
  stillListed: string[];
}

/**
 * After a run: a session the journal records as deleted (its Delete answered success) that
 * ListProxySessions still shows open on its connector is deleted again, for up to spec
 * /lifecycle/cleanupAttempts/deletes rounds. So a server whose Delete answers success without deleting
 * (the lifecycle suite's delete-then-not-found) is still left clean by the other suites and the preflight,
 * which take a success for a delete. It costs one List per connector (every page, at most spec
 * /lifecycle/listing/maxPages: others' sessions may share it) and nothing else when all is well; only this
 * run's own sessions are ever touched. An endpoint without ListProxySessions is left as the deletes left it.
 */
export async function confirmDeleted(model: OperationModel, journalFile: string, settings: AuthSettings & { endpoint?: string; timeoutMs: number; maxBodyBytes: number }): Promise<ConfirmResult> {
  return withTransport(model, settings, (transport) => confirm(model, transport, journalFile, settings.endpoint));
}

async function confirm(model: OperationModel, transport: Transport, journalFile: string, endpointOnly: string | undefined): Promise<ConfirmResult> {
  const { deletes } = model.spec.lifecycle.cleanupAttempts;
  const { maxPages } = model.spec.lifecycle.listing;
  // Open ones only: a service may well list a deleted session as closed for a while, which leaves nothing running.
  const terms = lifecycleTerms(model);
  const open = { [terms.list.statusQuery]: terms.openStatus };
  const result: ConfirmResult = { redeleted: 0, stillListed: [] };
  // By endpoint and connector (no endpoint given: every one the journal names, as `sweep` does). What the
  // connector lists is asked first, so only those sessions are looked up in the journal, never all it holds.
  for (const { endpoint, connector } of connectorsWithDeletes(journalFile)) {
    if (endpointOnly !== undefined && endpoint !== endpointOnly) continue;
    const listedOpen = async () => new Set(await sessionsOn(model, transport, endpoint, connector, maxPages, open));
    const mine = deletedAmong(journalFile, endpoint, connector, await listedOpen());
    let listed = [...mine.keys()];
    for (let round = 0; round < deletes && listed.length > 0; round++) {
      for (const id of listed) {
        const answer = await transport.send(buildCleanupRequest(model, endpoint, mine.get(id)!), { cleanup: true });
        if (!isTransportFailure(answer) && answer.status >= 200 && answer.status < 300 && round === 0) result.redeleted++;
      }
      const still = await listedOpen();
      listed = listed.filter((id) => still.has(id));
    }
    result.stillListed.push(...listed.map((id) => `${connector}/${id}`));
  }
  return result;
}
