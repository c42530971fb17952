import { setTimeout as sleep } from 'node:timers/promises';
import { ConformanceToolError } from '../src/errors.ts';
import { awsCredentials, buildRequest, createSigner, errorTypeOf, isRetryable, isTransportFailure, retryDelayMs, sendRequest, type AuthSettings, type WireRequest, type WireResponse } from '../src/protocol/index.ts';
import type { OperationModel } from '../src/spec/index.ts';

/** A voice connector this run made for itself (--provision), and how to remove it again. */
export interface ProvisionedConnector {
  voiceConnectorId: string;
  /**
   * Deletes the proxy configuration, then the connector (after the run's sessions are gone: a connector
   * with sessions may be refused with ConflictException). Returns what could not be removed, in words;
   * an empty list when nothing is left.
   */
  remove(): Promise<string[]>;
}

export interface ProvisionSettings extends AuthSettings {
  endpoint: string;
  timeoutMs: number;
  maxBodyBytes: number;
}

/**
 * --provision (issue 4): CreateVoiceConnector, then PutVoiceConnectorProxy on it, with the bodies of spec
 * /lifecycle/provision (each checked against its operation's input first, so a bad spec entry is a clear
 * error rather than a refused request). If the proxy configuration is refused, the new connector is
 * deleted again before the error is thrown: a failed provisioning leaves nothing behind either.
 */
export async function provisionConnector(model: OperationModel, settings: ProvisionSettings): Promise<ProvisionedConnector> {
  const { connector, proxy } = model.spec.lifecycle.provision;
  const create = model.operation('CreateVoiceConnector');
  const put = model.operation('PutVoiceConnectorProxy');
  for (const [op, body] of [[create, connector], [put, proxy]] as const) {
    // Labels are filled in later; validate the body members only, with a stand-in label.
    const problems = op.validateInput({ ...body, ...Object.fromEntries(op.labels.map((l) => [l, 'x'])) });
    if (problems.length > 0) throw fail(`spec /lifecycle/provision is not a valid ${op.name} input: ${problems[0]!.path} ${problems[0]!.message}`);
  }
  const send = sender(model, settings);

  // Not retried when unavailable: a 503 may come after the connector was made, and a retry would make a
  // second one that nothing removes. A throttled request (429) was not processed and is retried.
  const created = await send(buildRequest(create, settings.endpoint, { labels: {}, body: connector }), { retryUnavailable: false });
  const id = (created as WireResponse).json && ((created as WireResponse).json as { VoiceConnector?: { VoiceConnectorId?: unknown } }).VoiceConnector?.VoiceConnectorId;
  if (isTransportFailure(created) || created.status !== create.http.code || typeof id !== 'string' || id === '') {
    throw fail(`${create.name} ${outcome(model, created)}; expected ${create.http.code} with VoiceConnector.VoiceConnectorId`);
  }
  const labels = { VoiceConnectorId: id };
  const remove = async (): Promise<string[]> => {
    const left: string[] = [];
    for (const name of ['DeleteVoiceConnectorProxy', 'DeleteVoiceConnector']) {
      const op = model.operation(name);
      const result = await send(buildRequest(op, settings.endpoint, { labels }));
      // Gone already (the unknown-connector answer, 404) is as good as deleted.
      const gone = !isTransportFailure(result) && ((result.status >= 200 && result.status < 300) || result.status === model.spec.oracle.unknownVoiceConnector.status);
      if (!gone) left.push(`${name} ${id} ${outcome(model, result)}`);
    }
    return left;
  };

  const configured = await send(buildRequest(put, settings.endpoint, { labels, body: proxy }));
  if (isTransportFailure(configured) || configured.status !== put.http.code) {
    const left = await remove();
    const leftover = left.length > 0 ? ` The new voice connector ${id} could not be removed: ${left.join('; ')}.` : '';
    throw fail(`${put.name} on the new voice connector ${id} ${outcome(model, configured)}; expected ${put.http.code}.${leftover}`);
  }
  return { voiceConnectorId: id, remove };
}

/**
 * Signs and sends, retrying throttled and unavailable answers as the suites do (spec /retry); with
 * `retryUnavailable: false` only the client-fault ones (ThrottledClientException: the request was refused
 * before any work), not the server-fault ones (ServiceUnavailableException: it may have been done).
 */
function sender(model: OperationModel, settings: ProvisionSettings): (request: WireRequest, options?: { retryUnavailable?: boolean }) => ReturnType<typeof sendRequest> {
  const sign = createSigner({ service: model.spec.service.signingName, region: settings.region, credentials: awsCredentials(settings) });
  const refusedUnprocessed = new Set(model.spec.retry.errors.map((e) => model.spec.errors[e]).filter((e) => e?.fault === 'client').map((e) => e!.status));
  return async (request, options = {}) => {
    for (let attempt = 0; ; attempt++) {
      const result = await sendRequest(await sign(request), { timeoutMs: settings.timeoutMs, maxBodyBytes: settings.maxBodyBytes });
      const retry = isRetryable(model, result) && (options.retryUnavailable !== false || refusedUnprocessed.has((result as WireResponse).status));
      if (!retry || attempt === model.spec.retry.maxAttempts - 1) return result;
      await sleep(retryDelayMs(model, attempt, (result as WireResponse).headers['retry-after']));
    }
  };
}

function outcome(model: OperationModel, result: Awaited<ReturnType<typeof sendRequest>>): string {
  if (isTransportFailure(result)) return `got no answer (${result.message})`;
  const name = errorTypeOf(result.headers, result.json, model.spec.errorContract.header);
  return `answered ${result.status}${name ? ` ${name}` : ''}`;
}

function fail(message: string): ConformanceToolError {
  return new ConformanceToolError('CONFORMANCE_PROVISION', `--provision failed: ${message}`);
}
