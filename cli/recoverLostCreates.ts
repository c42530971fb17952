import { lifecycleTerms } from '../generators/index.ts';
import { normalizeNumber, participantsOf } from '../checks/_invariant.ts';
import { buildCleanupRequest, isTransportFailure, type AuthSettings } from '../src/protocol/index.ts';
import type { OperationModel } from '../src/spec/index.ts';
import { withTransport, type Transport } from '../engine/createTransport.ts';
import { createdOn, recordCreated, recordDeleted, unconfirmedCreates, type UnconfirmedCreate } from '../engine/sessionJournal.ts';
import { listedSessions } from './sessionsOn.ts';

export interface RecoveryResult {
  /** `connector/session` of sessions a lost create made, found in the list and deleted. */
  deleted: string[];
  /** Sessions that look like a lost create's, but more of them than the run lost creates: not touched. */
  uncertain: string[];
  /** Found, but the delete failed (journalled as created, so `sweep` deletes them later). */
  failed: { id: string; reason: string }[];
  /**
   * Connectors whose list could not be read whole, so sessions of their lost creates may be left unseen:
   * how many creates, and why (the journal still holds them, so `sweep` looks again).
   */
  unsearched: { connector: string; creates: number; reason: string }[];
}

/**
 * After a run: the sessions that creates whose answer was lost may have made (engine/journalLostCreates.ts).
 * The run's connector is listed (open sessions, every page up to spec /lifecycle/listing/maxPages) and a
 * session counts as one of this run's when the run never learned its id, its participants are exactly the
 * numbers a lost create sent (up to a leading '+', as participants-echo compares them), and it was created
 * within the created-recent tolerance of when that create was sent. Each lost create owns at most one
 * session: when a set of numbers matches more sessions than the run lost creates with those numbers, none
 * of them is deleted (another client may have made them) and they are listed for the user instead.
 */
export async function recoverLostCreates(
  model: OperationModel,
  journalFile: string,
  settings: AuthSettings & { endpoint?: string; timeoutMs: number; maxBodyBytes: number; cleanupSignal?: AbortSignal },
): Promise<RecoveryResult> {
  const result: RecoveryResult = { deleted: [], uncertain: [], failed: [], unsearched: [] };
  const lost = unconfirmedCreates(journalFile).filter((u) => settings.endpoint === undefined || u.endpoint === settings.endpoint);
  if (lost.length === 0) return result;
  const byConnector = groupBy(lost, (u) => `${u.endpoint}\u0000${u.voiceConnectorId}`);
  await withTransport(model, settings, async (transport) => {
    for (const creates of byConnector.values()) await recoverOn(model, transport, journalFile, creates, result);
  });
  return result;
}

async function recoverOn(model: OperationModel, transport: Transport, journalFile: string, creates: UnconfirmedCreate[], result: RecoveryResult): Promise<void> {
  const { endpoint, voiceConnectorId } = creates[0]!;
  const terms = lifecycleTerms(model);
  const tolerance = (model.invariants['created-recent']?.toleranceSeconds ?? 300) * 1000;
  const { sessions: listed, incomplete } = await listedSessions(model, transport, endpoint, voiceConnectorId, model.spec.lifecycle.listing.maxPages, { [terms.list.statusQuery]: terms.openStatus });
  if (incomplete !== undefined) result.unsearched.push({ connector: voiceConnectorId, creates: creates.length, reason: incomplete });
  const known = createdOn(journalFile, endpoint, voiceConnectorId);
  const numbersOf = (numbers: string[]) => numbers.map(normalizeNumber).sort().join(',');
  // Per set of numbers: how many creates were lost, and which unknown sessions have those numbers and a fitting time.
  const wanted = groupBy(creates, (c) => numbersOf(c.participants));
  for (const [numbers, lostCreates] of wanted) {
    const matches = listed.filter((s) => {
      const id = s.ProxySessionId;
      if (typeof id !== 'string' || known.has(id)) return false;
      if (numbersOf(participantsOf(s).map((p) => p.phone)) !== numbers) return false;
      const at = Date.parse(String(s.CreatedTimestamp));
      return Number.isNaN(at) || lostCreates.some((c) => Math.abs(at - c.sentAt) <= tolerance);
    });
    if (matches.length > lostCreates.length) {
      result.uncertain.push(...matches.map((s) => `${voiceConnectorId}/${String(s.ProxySessionId)}`));
      continue;
    }
    for (const session of matches) {
      const labels = { VoiceConnectorId: voiceConnectorId, ProxySessionId: String(session.ProxySessionId) };
      // Journalled first: if the delete fails, `sweep` knows of it like any other session of the run.
      recordCreated(journalFile, { endpoint, labels });
      const answer = await transport.send(buildCleanupRequest(model, endpoint, labels), { cleanup: true });
      if (!isTransportFailure(answer) && ((answer.status >= 200 && answer.status < 300) || answer.status === 404)) {
        recordDeleted(journalFile, { endpoint, labels });
        result.deleted.push(`${voiceConnectorId}/${labels.ProxySessionId}`);
      } else {
        result.failed.push({ id: `${voiceConnectorId}/${labels.ProxySessionId}`, reason: isTransportFailure(answer) ? answer.message : `status ${answer.status}` });
      }
    }
  }
}

/** Map.groupBy, which Node 20 lacks. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}
