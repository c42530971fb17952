import type { LifecycleScenario } from '../../generators/index.ts';
import { defaultExpiry, sessionOfAnswer } from '../../checks/index.ts';
import { callOperation } from './callOperation.ts';
import { createForScenario } from './createForScenario.ts';
import { placeAt } from './placeAt.ts';
import type { RunOutcome, SequenceRun } from './types.ts';

/**
 * default-expiry (advisory): the connector's DefaultSessionExpiryMinutes (GetVoiceConnectorProxy), then a
 * session created without ExpiryMinutes, which should get it (read back with a Get when the create's
 * answer leaves it out). A connector whose proxy configuration cannot be read is not judged: its status
 * is not the spec's to fix here, only its shape and error contract are.
 */
export async function defaultExpiryScenario(run: SequenceRun, scenario: LifecycleScenario): Promise<Partial<RunOutcome>> {
  const { ops, connector } = run.runtime;
  const proxy = await callOperation(run, { operation: ops.getProxy, title: `GetVoiceConnectorProxy ${connector.VoiceConnectorId}`, labels: connector, kind: 'unspecified', unspecified: "reading the connector's proxy configuration (its status is not the spec's to fix here: e.g. the caller may lack the permission)" });
  const r = proxy.call.response;
  const minutes = (r?.json as { Proxy?: { DefaultSessionExpiryMinutes?: unknown } } | undefined)?.Proxy?.DefaultSessionExpiryMinutes;
  if (r?.status !== ops.getProxy.http.code || typeof minutes !== 'number') {
    const why = r ? `GetVoiceConnectorProxy answered ${r.status}${typeof minutes !== 'number' && r.status === ops.getProxy.http.code ? ' without DefaultSessionExpiryMinutes' : ''}` : 'GetVoiceConnectorProxy got no answer';
    return { failures: proxy.failures, unjudged: { 'default-expiry': `${why}: no default to compare with` } };
  }
  if (proxy.failures.length > 0) return { failures: proxy.failures };
  const created = await createForScenario(run, scenario.participants, scenario.bodies[0]!);
  if (!created.id || created.failures.length > 0) return { failures: created.failures };
  let answered = created.session?.ExpiryMinutes;
  if (answered === undefined) {
    const labels = { ...connector, ProxySessionId: created.id };
    const read = await callOperation(run, { operation: ops.get, title: `GetProxySession ${created.id}`, labels, kind: 'accept' });
    if (read.failures.length > 0) return { failures: read.failures };
    answered = sessionOfAnswer(read.call)?.ExpiryMinutes;
  }
  run.looked.add('default-expiry');
  return { failures: placeAt(run.calls.length - 1, defaultExpiry(created.id, minutes, answered)) };
}
