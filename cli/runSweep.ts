import { existsSync } from 'node:fs';
import { UsageError } from '../src/errors.ts';
import { compileOperation, loadSpec } from '../src/spec/index.ts';
import { assertCredentials, localCredentialsNotice } from './assertCredentials.ts';
import { confirmDeleted } from './confirmDeleted.ts';
import type { CliOptions } from './parseCliArgs.ts';
import { journalFile } from './executeRun.ts';
import { sweepConnectors } from './sweepConnectors.ts';
import { sweepSessions } from './sweepSessions.ts';
import { recoverLostCreates } from './recoverLostCreates.ts';

/**
 * `conformance sweep`: deletes the sessions a run recorded in its report directory and never deleted (a
 * run killed with SIGKILL, a machine that went away). Exit 0 when nothing is left open, 2 otherwise (a
 * sweep says nothing about conformance, so never 1).
 */
export async function runSweep(cli: CliOptions, out: (text: string) => void): Promise<number> {
  const file = journalFile(cli.reportDir);
  if (!existsSync(file)) throw new UsageError(`${file} does not exist: point --report-dir at the report directory of the run to clean up`);
  const model = compileOperation(loadSpec(cli.specFile, cli.specFile ? { flag: '--spec' } : {}));
  // Embedded runs used loopback emulators that are gone with their process; real endpoints need SigV4.
  const chain = { auth: 'sigv4' as const, region: cli.region ?? process.env.AWS_REGION ?? 'us-east-1', ...(cli.profile ? { profile: cli.profile } : {}) };
  // Only an endpoint named on the command line can stand in for loopback: the journal may name others.
  const local = await assertCredentials(chain, cli.endpoint);
  if (local) out(localCredentialsNotice(cli.endpoint!));
  const settings = local ? { ...chain, testCredentials: local } : chain;
  // Sessions of creates whose answer was lost, found in their connector's list (see recoverLostCreates).
  const recovered = await recoverLostCreates(model, file, { ...settings, timeoutMs: cli.timeoutMs, maxBodyBytes: cli.maxBodyBytes, ...(cli.endpoint ? { endpoint: cli.endpoint } : {}) });
  if (recovered.deleted.length > 0) out(`Sweep: deleted ${recovered.deleted.length} session(s) made by creates whose answer was lost.\n`);
  for (const id of recovered.uncertain) out(`  open with the numbers of a lost create, but perhaps someone else's (not deleted): ${id}\n`);
  for (const u of recovered.unsearched) out(`  ${u.creates} create(s) on ${u.connector} whose answer was lost: their sessions could not be looked for (${u.reason})\n`);
  const result = await sweepSessions(model, file, { ...settings, timeoutMs: cli.timeoutMs, endpoint: cli.endpoint, voiceConnectorId: cli.voiceConnectorId });
  out(`Sweep: deleted ${result.deleted} session(s) left open${result.failed.length ? `; ${result.failed.length} could not be deleted` : ''}.\n`);
  for (const { entry, reason } of result.failed) out(`  ${entry.endpoint} ${entry.labels.VoiceConnectorId}/${entry.labels.ProxySessionId}: ${reason}\n`);
  // Deletes that answered success but did not delete (the run may have been killed before it checked).
  const confirmed = await confirmDeleted(model, file, { ...settings, timeoutMs: cli.timeoutMs, maxBodyBytes: cli.maxBodyBytes, ...(cli.endpoint ? { endpoint: cli.endpoint } : {}) });
  if (confirmed.redeleted > 0) out(`Sweep: ${confirmed.redeleted} session(s) recorded as deleted were still listed open; deleted them again.\n`);
  for (const id of confirmed.stillListed) out(`  still listed open after being deleted again: ${id}\n`);
  // Then the voice connectors a killed run made, --provision's and its cases' (after their sessions: see sweepConnectors).
  const connectors = await sweepConnectors(model, file, { ...settings, timeoutMs: cli.timeoutMs, maxBodyBytes: cli.maxBodyBytes, endpoint: cli.endpoint });
  if (connectors.removed + connectors.failed.length > 0) {
    out(`Sweep: removed ${connectors.removed} voice connector(s) the run made${connectors.failed.length ? `; ${connectors.failed.length} could not be removed` : ''}.\n`);
  }
  for (const { entry, reason } of connectors.failed) out(`  ${entry.endpoint} ${entry.voiceConnectorId}: ${reason}\n`);
  return result.failed.length === 0 && connectors.failed.length === 0 && confirmed.stillListed.length === 0 && recovered.unsearched.length === 0 ? 0 : 2;
}
