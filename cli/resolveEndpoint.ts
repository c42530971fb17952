import { echoed, UsageError } from '../src/errors.ts';
import type { OperationModel } from '../src/spec/index.ts';

/** Where a run goes, and why (shown to the user). */
export interface ResolvedEndpoint {
  endpoint?: string;
  source: string;
}

/**
 * The endpoint, the AWS way: --endpoint, else AWS_ENDPOINT_URL_CHIME_SDK_VOICE (the service-specific
 * variable AWS SDKs read, from the spec's sdkId), else AWS_ENDPOINT_URL, else the regional endpoint of the
 * spec (`https://voice-chime.{region}.amazonaws.com`) when a region is given (--region, AWS_REGION).
 * Only an explicit --endpoint stands alone: the others need --voice-connector-id too, so that a shell that
 * happens to export AWS_REGION still gets the embedded emulator from a bare `npx conformance`. A
 * --voice-connector-id with no endpoint to find it at is a usage error, not a run against the embedded
 * emulator: that would pass, and look like a test of the account the user meant (a profile's region is
 * not read, so the user may well believe one was given).
 */
export function resolveEndpoint(model: OperationModel, flags: { endpoint?: string; region?: string; voiceConnectorId?: string }, env: NodeJS.ProcessEnv): ResolvedEndpoint {
  if (flags.endpoint) return { endpoint: flags.endpoint, source: '--endpoint' };
  if (!flags.voiceConnectorId) return { source: 'embedded reference emulator (no --endpoint and no --voice-connector-id)' };
  const serviceVariable = `AWS_ENDPOINT_URL_${model.spec.service.sdkId.toUpperCase().replace(/\s+/g, '_')}`;
  if (env[serviceVariable]) return { endpoint: env[serviceVariable], source: serviceVariable };
  if (env.AWS_ENDPOINT_URL) return { endpoint: env.AWS_ENDPOINT_URL, source: 'AWS_ENDPOINT_URL' };
  const region = flags.region ?? env.AWS_REGION;
  if (region) return { endpoint: model.spec.service.endpoint.replace('{region}', region), source: flags.region ? '--region' : 'AWS_REGION' };
  throw new UsageError(
    `--voice-connector-id ${echoed(flags.voiceConnectorId)} names a connector at an endpoint, but no endpoint was found: give --endpoint URL or --region NAME (or set AWS_REGION or AWS_ENDPOINT_URL; the region of a profile is not read). To test the bundled emulator, leave out --voice-connector-id.`,
  );
}
