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

  const created = await send(buildRequest(create, settings.endpoint, { labels: {}, body: connector }));
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

/** Signs and sends, retrying throttled answers as the suites do (spec /retry). */
function sender(model: OperationModel, settings: ProvisionSettings): (request: WireRequest) => ReturnType<typeof sendRequest> {
  const sign = createSigner({ service: model.spec.service.signingName, region: settings.region, credentials: awsCredentials(settings) });
  return async (request) => {
    for (let attempt = 0; ; attempt++) {
      const result = await sendRequest(await sign(request), { timeoutMs: settings.timeoutMs, maxBodyBytes: 1024 * 1024 });
      if (!isRetryable(model, result) || attempt === model.spec.retry.maxAttempts - 1) return result;
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
