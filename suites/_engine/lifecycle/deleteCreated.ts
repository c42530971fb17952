import { buildCleanupRequest } from '../../../src/protocol/index.ts';
import { recordDeleted } from '../sessionJournal.ts';
import type { SequenceRun } from './types.ts';

/** Deletes per session before cleanup gives up: the delete, and the ones that confirm it. */
const ATTEMPTS = 3;

/**
 * Deletes every session a sequence or scenario created (spec /cleanup), all at once, also those it deleted
 * itself unless an answer has since shown them gone. A success is not taken for it: the session is deleted
 * again until the answer is the unknownProxySession status (spec /oracle), because this suite exists to
 * meet servers whose Delete answers success without deleting (delete-then-not-found), and such a server
 * must still be left clean. That costs one extra Delete per session. Cleanup goes out past budgets and
 * the deadline.
 */
export async function deleteCreated(run: SequenceRun): Promise<void> {
  const { model, options, transport } = run.runtime;
  const gone = model.spec.oracle.unknownProxySession.status;
  await Promise.all(
    [...run.created.values()]
      .filter((s) => !s.gone)
      .map(async (s) => {
        for (let attempt = 0; attempt < ATTEMPTS && !s.gone; attempt++) {
          const result = await transport.send(buildCleanupRequest(model, options.endpoint, s.labels), { cleanup: true });
          if (!('status' in result) || (result.status !== gone && (result.status < 200 || result.status > 299))) return;
          if (result.status === gone) {
            s.gone = true;
            recordDeleted(options.journalFile, { endpoint: options.endpoint, labels: s.labels });
          }
        }
      }),
  );
}
