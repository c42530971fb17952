import { buildCleanupRequest, buildRequest, isTransportFailure } from '../../src/protocol/index.ts';
import { recordDeleted } from '../sessionJournal.ts';
import type { SequenceRun } from './types.ts';

/**
 * Deletes every session a sequence or scenario created (spec /cleanup), all at once, also those it deleted
 * itself unless an answer has since shown them gone. A success is not taken for it: a Get must then
 * answer the unknownProxySession status (spec /oracle), else the session is deleted again, up to spec
 * /lifecycle/cleanupAttempts/deletes times. This suite exists to meet servers whose Delete answers
 * success without deleting (delete-then-not-found), and such
 * a server must still be left clean; a server whose repeated Delete answers success again (DELETE is
 * idempotent) is recognised as clean by the Get. Cleanup goes out past budgets and the deadline; a session
 * it could not confirm gone stays open in the journal for the run's sweep.
 */
export async function deleteCreated(run: SequenceRun): Promise<void> {
  const { model, options, transport, ops } = run.runtime;
  const gone = model.spec.oracle.unknownProxySession.status;
  const attempts = model.spec.lifecycle.cleanupAttempts.deletes;
  const remove = (labels: Record<string, string>) => transport.send(buildCleanupRequest(model, options.endpoint, labels), { cleanup: true });
  const read = (labels: Record<string, string>) => transport.send(buildRequest(ops.get, options.endpoint, { labels }), { cleanup: true });
  await Promise.all(
    [...run.created.values()]
      .filter((s) => !s.gone)
      .map(async (s) => {
        for (let attempt = 0; attempt < attempts && !s.gone; attempt++) {
          const deleted = await remove(s.labels);
          if (isTransportFailure(deleted) || (deleted.status !== gone && (deleted.status < 200 || deleted.status > 299))) return;
          const after = deleted.status === gone ? deleted : await read(s.labels);
          if (isTransportFailure(after)) return;
          if (after.status === gone) {
            s.gone = true;
            recordDeleted(options.journalFile, { endpoint: options.endpoint, labels: s.labels });
          }
        }
      }),
  );
}
