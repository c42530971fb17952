import type { AuthSettings } from '../src/protocol/index.ts';
import type { OperationModel } from '../src/spec/index.ts';
import { outstandingConnectors, type ConnectorEntry } from '../engine/sessionJournal.ts';
import { removeConnector } from './provisionConnector.ts';

export interface ConnectorSweepResult {
  removed: number;
  /** Connectors still there after the sweep, with what could not be removed. */
  failed: { entry: ConnectorEntry; reason: string }[];
}

/**
 * Removes every voice connector the journal says a run made and never removed (a run killed with SIGKILL,
 * a case whose cleanup was refused): --provision's, and those the connector families' cases made.
 * Optionally only those of one endpoint. Run after the sessions are swept: a connector with sessions may
 * be refused (ConflictException).
 */
export async function sweepConnectors(
  model: OperationModel,
  journalFile: string,
  settings: AuthSettings & { timeoutMs: number; maxBodyBytes: number; endpoint?: string; cleanupSignal?: AbortSignal },
): Promise<ConnectorSweepResult> {
  const result: ConnectorSweepResult = { removed: 0, failed: [] };
  for (const entry of outstandingConnectors(journalFile)) {
    if (settings.endpoint !== undefined && entry.endpoint !== settings.endpoint) continue;
    const left = await removeConnector(model, { ...settings, endpoint: entry.endpoint, journalFile }, entry.voiceConnectorId);
    if (left.length === 0) result.removed++;
    else result.failed.push({ entry, reason: left.join('; ') });
  }
  return result;
}
