import fc from 'fast-check';
import { validBody } from '../generators/index.ts';
import { buildRequest, createdSessionId, createSigner, isTransportFailure, sendRequest } from '../src/protocol/index.ts';
import type { OperationModel } from '../src/spec/index.ts';
import { RUNNER_HEADER } from './caseDirector.ts';

export interface RunnerSessions {
  /** Creates a session on the connector (a valid request of the spec's create, from `seed`) and returns its id. */
  create(voiceConnectorId: string, seed: number): Promise<string>;
}

/**
 * The runner's own sessions: the ones a case on one session acts on, and the listing the pages scenario
 * pages through. Made with the project's own restJson1 requests, signed with the run's credentials and
 * marked so the case director serves them without taking them for the testee's.
 */
export function runnerSessions(model: OperationModel, settings: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string }; token: string; timeoutMs: number }): RunnerSessions {
  const sign = createSigner({ service: model.spec.service.signingName, region: settings.region, credentials: async () => settings.credentials });
  return {
    create: async (voiceConnectorId, seed) => {
      const [body] = fc.sample(validBody(model, { presence: 'required' }), { seed, numRuns: 1 });
      const labels = Object.fromEntries(model.labels.map((l) => [l, voiceConnectorId]));
      const request = buildRequest(model, settings.endpoint, { labels, body });
      const signed = await sign({ ...request, headers: { ...request.headers, [RUNNER_HEADER]: settings.token } });
      const answer = await sendRequest(signed, { timeoutMs: settings.timeoutMs, maxBodyBytes: 1024 * 1024 });
      const id = createdSessionId(answer);
      if (isTransportFailure(answer) || answer.status !== model.http.code || id === undefined) {
        throw new Error(`the emulator did not create a session for the runner (${isTransportFailure(answer) ? answer.message : `${answer.status} ${answer.bodyText.slice(0, 200)}`})`);
      }
      return id;
    },
  };
}
