import { appendFileSync, closeSync, existsSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

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
