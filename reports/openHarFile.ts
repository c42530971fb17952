import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { TrafficSink } from '../src/model/traffic.ts';
import { redactText, secretsOf } from '../src/protocol/index.ts';
import { harEntry } from './_harEntry.ts';
import { makeDirectory } from './makeDirectory.ts';

/** Shorter values are not scrubbed as text (see secret()). */
const MIN_SECRET_CHARS = 16;

/** Entries' text gathered before a write to the file: few writes, and little held. */
const FLUSH_CHARS = 256 * 1024;

/** What a recording says of itself (HAR `log.comment`) after the run's own words: what it leaves out. */
const PRIVACY =
  'Left out of every request: the Authorization, X-Amz-Security-Token, X-Amz-Date, X-Amz-Content-Sha256 and Host headers ' +
  'and the X-Amz-Signature, X-Amz-Credential and X-Amz-Security-Token query parameters; any signature, credential, ' +
  'session token or secret access key anywhere else (an answer quoting a request) reads [redacted].';

/** A HAR file being written: a TrafficSink, and where it goes. */
export interface HarFile extends TrafficSink {
  /** The absolute path the file has once closed. */
  readonly path: string;
  /** Entries written so far. */
  readonly entries: number;
}

/**
 * Opens a HAR 1.2 recording at `path` (its directory made if missing) and writes each exchange to it as it is
 * handed over, so that a run of any size holds only a few entries' text at a time. Until it is closed the
 * file is `path.partial` (valid JSON only once `close` has ended the entries and renamed it), so a run killed
 * outright never leaves a truncated file under the name asked for. Throws, naming the file, when it cannot be
 * created; a later write that fails (a full disk) ends the recording, and `close` rejects with why.
 */
export async function openHarFile(path: string, log: { creator: { name: string; version: string }; comment: string }): Promise<HarFile> {
  const target = resolve(path);
  const partial = `${target}.partial`;
  await makeDirectory(dirname(target));
  const fd = openSync(partial, 'w');
  const secrets = new Set<string>();
  let pending: string[] = [];
  let pendingChars = 0;
  let entries = 0;
  let failed: Error | undefined;
  let closed: Promise<void> | undefined;

  const put = (text: string) => {
    pending.push(text);
    pendingChars += text.length;
    if (pendingChars >= FLUSH_CHARS) flush();
  };
  const flush = () => {
    if (failed || pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    pendingChars = 0;
    try {
      writeSync(fd, text);
    } catch (error) {
      failed = error as Error;
    }
  };

  put(`{"log":{"version":"1.2","creator":${JSON.stringify(log.creator)},"comment":${JSON.stringify(`${log.comment} ${PRIVACY}`)},"pages":[],"entries":[`);
  return {
    path: target,
    get entries() {
      return entries;
    },
    write(exchange, note) {
      if (failed || closed) return;
      // Redacted as text, after the request's own redaction: whatever quotes a secret (an answer, a failure
      // message) loses it too, in the form JSON gives it.
      const text = redactText(JSON.stringify(harEntry(exchange, note)), [...secrets, ...jsonForms(secretsOf(exchange.request))]);
      put(`${entries++ === 0 ? '' : ','}\n${text}`);
    },
    secret(value) {
      // A real secret access key has 40 characters and a session token hundreds. A short value is a stand-in
      // everyone knows (a local emulator's "test"): scrubbing it as text would cut ordinary words.
      if (value.length < MIN_SECRET_CHARS) return;
      for (const form of jsonForms([value])) secrets.add(form);
    },
    close() {
      closed ??= (async () => {
        put('\n]}}\n');
        flush();
        try {
          closeSync(fd);
        } catch (error) {
          failed ??= error as Error;
        }
        if (failed) {
          rmSync(partial, { force: true });
          throw new Error(`${target}: ${failed.message}`);
        }
        renameSync(partial, target);
      })();
      return closed;
    },
  };
}

/** Each secret as it reads inside a JSON string, and as it is (when the two differ). */
function jsonForms(secrets: string[]): string[] {
  return secrets.flatMap((s) => {
    const escaped = JSON.stringify(s).slice(1, -1);
    return escaped === s ? [s] : [s, escaped];
  });
}
