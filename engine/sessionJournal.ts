import { appendFileSync, existsSync, readFileSync } from 'node:fs';

/** One session this run created, with what it takes to delete it. */
export interface JournalEntry {
  endpoint: string;
  labels: Record<string, string>;
}

/**
 * An append-only record of the sessions a run created and deleted (`<report-dir>/sessions.jsonl`).
 * Written synchronously as each create and delete completes, so it survives a crash or SIGKILL: after an
 * interrupted run the CLI deletes what is still open, and `conformance sweep` does the same later.
 */
export function recordCreated(file: string | undefined, entry: JournalEntry): void {
  if (file) appendFileSync(file, `${JSON.stringify({ created: entry })}\n`);
}

export function recordDeleted(file: string | undefined, entry: JournalEntry): void {
  if (file) appendFileSync(file, `${JSON.stringify({ deleted: entry })}\n`);
}

/** Sessions created and not (yet) deleted, in creation order. A torn last line (a crash mid-write) is skipped. */
export function outstandingSessions(file: string): JournalEntry[] {
  return outstanding<JournalEntry>(file, 'created', 'deleted', sessionKey);
}

const sessionKey = (e: JournalEntry) => `${e.endpoint}\u0000${JSON.stringify(Object.entries(e.labels).sort())}`;

/** Sessions whose delete answered success (or NotFound), each once: what cli/confirmDeleted.ts checks. */
export function deletedSessions(file: string): JournalEntry[] {
  return outstanding<JournalEntry>(file, 'deleted', 'never', sessionKey);
}

/** A voice connector a run made for itself (--provision), with where it lives. */
export interface ConnectorEntry {
  endpoint: string;
  voiceConnectorId: string;
}

/** --provision: the connector exists from now on (recorded before anything else can fail). */
export function recordProvisioned(file: string | undefined, entry: ConnectorEntry): void {
  if (file) appendFileSync(file, `${JSON.stringify({ provisioned: entry })}\n`);
}

/** --provision: the connector and its proxy configuration are gone. */
export function recordUnprovisioned(file: string | undefined, entry: ConnectorEntry): void {
  if (file) appendFileSync(file, `${JSON.stringify({ unprovisioned: entry })}\n`);
}

/** Connectors provisioned and not (yet) removed: what a sweep removes after the sessions. */
export function outstandingConnectors(file: string): ConnectorEntry[] {
  return outstanding<ConnectorEntry>(file, 'provisioned', 'unprovisioned', (e) => `${e.endpoint}\u0000${e.voiceConnectorId}`);
}

/** The entries recorded under `added` and not since under `removed`, in order; unreadable lines are skipped. */
function outstanding<T>(file: string, added: string, removed: string, key: (entry: T) => string): T[] {
  if (!existsSync(file)) return [];
  const open = new Map<string, T>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    let record: Record<string, T | undefined>;
    try {
      record = JSON.parse(line) as typeof record;
    } catch {
      continue;
    }
    const put = record?.[added];
    const take = record?.[removed];
    if (put) open.set(key(put), put);
    if (take) open.delete(key(take));
  }
  return [...open.values()];
}
