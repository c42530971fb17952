import { buildCleanupRequest } from '../../../src/protocol/index.ts';
import { recordDeleted } from '../sessionJournal.ts';
import type { SequenceRun } from './types.ts';

/**
 * Deletes every session a sequence or scenario created (spec /cleanup), all at once, also those it deleted
 * itself unless an answer has since shown them gone: a delete that answered success without deleting must
 * not leave a session behind. Cleanup goes out past budgets and the deadline; the unknownProxySession
 * status (spec /oracle) means already gone.
 */
export async function deleteCreated(run: SequenceRun): Promise<void> {
  const { model, options, transport } = run.runtime;
  const gone = model.spec.oracle.unknownProxySession.status;
  await Promise.all(
    [...run.created.values()]
      .filter((s) => !s.gone)
      .map(async (s) => {
        const result = await transport.send(buildCleanupRequest(model, options.endpoint, s.labels), { cleanup: true });
        if ('status' in result && ((result.status >= 200 && result.status < 300) || result.status === gone)) {
          s.gone = true;
          recordDeleted(options.journalFile, { endpoint: options.endpoint, labels: s.labels });
        }
      }),
  );
}
