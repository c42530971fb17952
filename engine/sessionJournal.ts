import { appendFileSync, closeSync, existsSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** One session this run created, with what it takes to delete it. */
export interface JournalEntry {
  endpoint: string;
  labels: Record<string, string>;
}

/**
 * An append-only record of the sessions (and voice connectors) a run created and deleted (`<report-dir>/sessions.jsonl`).
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

/**
 * Of the given sessions (connector and id), those the journal records as deleted by the run (their delete
 * answered success or NotFound): what cli/confirmDeleted.ts checks. Reads the journal as a stream and keeps
 * only the sessions asked about, so a run of any size costs what its connectors list, not what it created.
 */
export function deletedAmong(file: string, endpoint: string, connector: string, ids: ReadonlySet<string>): Map<string, Record<string, string>> {
  const found = new Map<string, Record<string, string>>();
  if (ids.size === 0) return found;
  for (const line of linesOf(file)) {
    if (!line.startsWith('{"deleted"')) continue;
    const entry = parse(line)?.deleted as JournalEntry | undefined;
    const id = entry?.labels.ProxySessionId;
    if (entry && id !== undefined && ids.has(id) && entry.endpoint === endpoint && entry.labels.VoiceConnectorId === connector) found.set(id, entry.labels);
  }
  return found;
}

/** The (endpoint, connector) pairs the journal records deleted sessions on, each once. */
export function connectorsWithDeletes(file: string): { endpoint: string; connector: string }[] {
  const seen = new Map<string, { endpoint: string; connector: string }>();
  for (const line of linesOf(file)) {
    if (!line.startsWith('{"deleted"')) continue;
    const entry = parse(line)?.deleted as JournalEntry | undefined;
    const connector = entry?.labels.VoiceConnectorId;
    if (entry && connector !== undefined) seen.set(`${entry.endpoint}\u0000${connector}`, { endpoint: entry.endpoint, connector });
  }
  return [...seen.values()];
}

/**
 * A create whose answer was lost (no answer, a cut-short or unreadable body, a 5xx): it may have made a
 * session the run never learned the id of. After the run, what the connector lists is matched against it
 * (cli/recoverLostCreates.ts) by the numbers it sent and when.
 */
export interface UnconfirmedCreate {
  endpoint: string;
  voiceConnectorId: string;
  /** The participant numbers the create sent, as sent. */
  participants: string[];
  /** Epoch ms the create was sent. */
  sentAt: number;
}

export function recordUnconfirmed(file: string | undefined, entry: UnconfirmedCreate): void {
  if (file) appendFileSync(file, `${JSON.stringify({ unconfirmed: entry })}\n`);
}

/** Every create the journal says was lost, in order (each stays: recovering one records it created and deleted). */
export function unconfirmedCreates(file: string): UnconfirmedCreate[] {
  const found: UnconfirmedCreate[] = [];
  for (const line of linesOf(file)) {
    if (!line.startsWith('{"unconfirmed"')) continue;
    const entry = parse(line)?.unconfirmed as UnconfirmedCreate | undefined;
    if (entry && Array.isArray(entry.participants)) found.push(entry);
  }
  return found;
}

/** Ids of every session the journal records as created on one connector of one endpoint. */
export function createdOn(file: string, endpoint: string, connector: string): Set<string> {
  const ids = new Set<string>();
  for (const line of linesOf(file)) {
    if (!line.startsWith('{"created"')) continue;
    const entry = parse(line)?.created as JournalEntry | undefined;
    const id = entry?.labels.ProxySessionId;
    if (entry && id !== undefined && entry.endpoint === endpoint && entry.labels.VoiceConnectorId === connector) ids.add(id);
  }
  return ids;
}

/**
 * A voice connector a run made for itself, with where it lives: the one --provision makes for the run, or
 * one a case of the connector families made to act on (engine/caseConnectors.ts).
 */
export interface ConnectorEntry {
  endpoint: string;
  voiceConnectorId: string;
}

/** The connector exists from now on (recorded before anything else can fail). */
export function recordProvisioned(file: string | undefined, entry: ConnectorEntry): void {
  if (file) appendFileSync(file, `${JSON.stringify({ provisioned: entry })}\n`);
}

/** The connector and its proxy configuration are gone. */
export function recordUnprovisioned(file: string | undefined, entry: ConnectorEntry): void {
  if (file) appendFileSync(file, `${JSON.stringify({ unprovisioned: entry })}\n`);
}

/** Connectors made and not (yet) removed: what a sweep removes after the sessions. */
export function outstandingConnectors(file: string): ConnectorEntry[] {
  return outstanding<ConnectorEntry>(file, 'provisioned', 'unprovisioned', (e) => `${e.endpoint}\u0000${e.voiceConnectorId}`);
}

/** The entries recorded under `added` and not since under `removed`, in order; unreadable lines are skipped. */
function outstanding<T>(file: string, added: string, removed: string, key: (entry: T) => string): T[] {
  const open = new Map<string, T>();
  for (const line of linesOf(file)) {
    const record = parse(line) as Record<string, T | undefined> | undefined;
    const put = record?.[added];
    const take = record?.[removed];
    if (put) open.set(key(put), put);
    if (take) open.delete(key(take));
  }
  return [...open.values()];
}

function parse(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * The journal's lines, read a chunk at a time: a long run's journal (one line per create and delete) is
 * never held whole. A torn last line (a crash mid-write) comes out as it is and fails to parse. The chunk
 * is small (64 KiB): the lines of the chunk being read are all that is alive when V8 collects its young
 * generation during a read, and whatever is alive then moves to the old generation. The three reads after
 * a `--runs 1000` run (a 44 MB journal) took the heap to 73-95 MB with 1 MiB chunks, 41 MB with these.
 */
function* linesOf(file: string): Generator<string> {
  if (!existsSync(file)) return;
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(64 * 1024);
    // A character split between two chunks is joined again by the decoder.
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) {
      const lines = (rest + decoder.write(chunk.subarray(0, n))).split('\n');
      rest = lines.pop()!;
      yield* lines;
    }
    if (rest) yield rest;
  } finally {
    closeSync(fd);
  }
}
