import { buildCleanupRequest, isTransportFailure, type AuthSettings } from '../src/protocol/index.ts';
import { withTransport, type Transport } from '../engine/createTransport.ts';
import type { OperationModel } from '../src/spec/index.ts';
import { outstandingSessions, recordDeleted, type JournalEntry } from '../engine/sessionJournal.ts';

export interface SweepResult {
  deleted: number;
  /** Sessions still open after the sweep, with why. */
  failed: { entry: JournalEntry; reason: string }[];
}

/**
 * Deletes every session the journal says is still open (spec /cleanup), optionally only those of one
 * endpoint or voice connector. Used after every run (an interrupted one included) and by `conformance sweep`.
 */
export async function sweepSessions(
  model: OperationModel,
  journalFile: string,
  settings: AuthSettings & { timeoutMs: number; endpoint?: string; voiceConnectorId?: string },
): Promise<SweepResult> {
  const open = outstandingSessions(journalFile).filter(
    (e) => (settings.endpoint === undefined || e.endpoint === settings.endpoint) && (settings.voiceConnectorId === undefined || e.labels.VoiceConnectorId === settings.voiceConnectorId),
  );
  const result: SweepResult = { deleted: 0, failed: [] };
  if (open.length === 0) return result;
  // Eight deletes at a time: an endpoint that stopped answering costs a few timeouts, not one per session.
  await withTransport(model, { ...settings, maxBodyBytes: 1024 * 1024, connections: 8 }, (transport) => sweep(model, transport, journalFile, open, result));
  return result;
}

async function sweep(model: OperationModel, transport: Transport, journalFile: string, open: JournalEntry[], result: SweepResult): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < open.length) await sweepOne(open[next++]!);
  };
  const sweepOne = async (entry: JournalEntry) => {
    const response = await transport.send(buildCleanupRequest(model, entry.endpoint, entry.labels), { cleanup: true });
    // 404: already gone (expired, or deleted by someone else): nothing is left open either way.
    if (!isTransportFailure(response) && ((response.status >= 200 && response.status < 300) || response.status === 404)) {
      recordDeleted(journalFile, entry);
      result.deleted++;
    } else {
      result.failed.push({ entry, reason: isTransportFailure(response) ? response.message : `status ${response.status}` });
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, open.length) }, worker));
}
