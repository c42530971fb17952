import type { OperationModel } from '../src/spec/index.ts';

/** The variable that names the voice connector the cases' inputs use (besides their own VoiceConnectorId). */
export const CONNECTOR_VARIABLE = 'CONFORMANCE_VOICE_CONNECTOR_ID';

/**
 * The testee's whole environment: the runner's own without any AWS_* variable (no profile, role, endpoint,
 * retry mode or credential of the user's may change what the client does), plus the standard variables
 * that point an AWS SDK at the emulator: the service's own endpoint variable (AWS_ENDPOINT_URL_ + the
 * spec's sdkId in upper case, spaces as underscores: AWS_ENDPOINT_URL_CHIME_SDK_VOICE), throwaway
 * credentials, the region (AWS_REGION, and AWS_DEFAULT_REGION for clients that read only that), and no
 * shared config or credentials file. AWS_SDK_JS_* settings (warnings) are kept.
 */
export function testeeEnvironment(model: OperationModel, settings: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string }; voiceConnectorId: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('AWS_') || name.startsWith('AWS_SDK_JS_')) env[name] = value;
  return {
    ...env,
    [endpointVariable(model)]: settings.endpoint,
    AWS_ACCESS_KEY_ID: settings.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: settings.credentials.secretAccessKey,
    AWS_REGION: settings.region,
    AWS_DEFAULT_REGION: settings.region,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    [CONNECTOR_VARIABLE]: settings.voiceConnectorId,
  };
}

/** The service-specific endpoint variable of the AWS SDKs (AWS_ENDPOINT_URL_<SERVICE ID>). */
export function endpointVariable(model: OperationModel): string {
  return `AWS_ENDPOINT_URL_${model.spec.service.sdkId.toUpperCase().replace(/[ -]/g, '_')}`;
}
