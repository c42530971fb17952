import { setTimeout as sleep } from 'node:timers/promises';
import { buildCleanupRequest, isTransportFailure, retryDelayMs, type AuthSettings } from '../src/protocol/index.ts';
import { withTransport, type Transport } from '../engine/createTransport.ts';
import type { OperationModel } from '../src/spec/index.ts';
import { outstandingSessions, recordDeleted, type JournalEntry } from '../engine/sessionJournal.ts';

export interface SweepResult {
  deleted: number;
  /** Sessions still open after the sweep, with why. */
  failed: { entry: JournalEntry; reason: string }[];
}

/** How long cleanup keeps retrying a delete that failed, unless told otherwise (a Ctrl-C cuts it shorter). */
export const CLEANUP_GRACE_MS = 30_000;

export interface SweepSettings extends AuthSettings {
  timeoutMs: number;
  endpoint?: string;
  voiceConnectorId?: string;
  /** Epoch ms after which a failed delete is not retried (default: CLEANUP_GRACE_MS from now). */
  until?: number;
  /** Aborted when cleanup must stop at once (a second Ctrl-C, the end of the interrupt's grace). */
  cleanupSignal?: AbortSignal;
}

/**
 * Deletes every session the journal says is still open (spec /cleanup), optionally only those of one
 * endpoint or voice connector. A delete that got no answer, a 5xx or a throttle is retried with backoff
 * (spec /retry delays) until it succeeds or `until` passes; a refusal (another 4xx) is not. Used after
 * every run (an interrupted one included) and by `conformance sweep`.
 */
export async function sweepSessions(model: OperationModel, journalFile: string, settings: SweepSettings): Promise<SweepResult> {
  const open = outstandingSessions(journalFile).filter(
    (e) => (settings.endpoint === undefined || e.endpoint === settings.endpoint) && (settings.voiceConnectorId === undefined || e.labels.VoiceConnectorId === settings.voiceConnectorId),
  );
  const result: SweepResult = { deleted: 0, failed: [] };
  if (open.length === 0) return result;
  const until = settings.until ?? Date.now() + CLEANUP_GRACE_MS;
  // Eight deletes at a time: an endpoint that stopped answering costs a few timeouts, not one per session.
  await withTransport(model, { ...settings, maxBodyBytes: 1024 * 1024, connections: 8 }, (transport) => sweep(model, transport, journalFile, open, result, until, settings.cleanupSignal));
  return result;
}

async function sweep(model: OperationModel, transport: Transport, journalFile: string, open: JournalEntry[], result: SweepResult, until: number, signal: AbortSignal | undefined): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < open.length) await sweepOne(open[next++]!);
  };
  const sweepOne = async (entry: JournalEntry) => {
    for (let attempt = 0; ; attempt++) {
      const response = await transport.send(buildCleanupRequest(model, entry.endpoint, entry.labels), { cleanup: true, until });
      // 404: already gone (expired, or deleted by someone else): nothing is left open either way.
      if (!isTransportFailure(response) && ((response.status >= 200 && response.status < 300) || response.status === 404)) {
        recordDeleted(journalFile, entry);
        result.deleted++;
        return;
      }
      const worthRetrying = isTransportFailure(response) ? response.kind !== 'interrupted' : response.status >= 500 || response.status === 429;
      const delay = retryDelayMs(model, attempt, isTransportFailure(response) ? undefined : response.headers['retry-after']);
      if (!worthRetrying || signal?.aborted || Date.now() + delay > until) {
        result.failed.push({ entry, reason: isTransportFailure(response) ? response.message : `status ${response.status}` });
        return;
      }
      await sleep(delay, undefined, signal ? { signal } : {}).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, open.length) }, worker));
}
