import { echoed } from '../src/errors.ts';
import { errorTypeOf, type WireResponse } from '../src/protocol/index.ts';
import type { OperationModel } from '../src/spec/index.ts';

/**
 * What the preflight says when a plain, valid create got an HTTP answer other than success: what came
 * back and its likely cause. A redirect is named as one, with its Location: the tool sends every request
 * to the endpoint it was given and follows no redirect (an AWS API answers, it does not redirect), so the
 * fix is another --endpoint. The note that AWS ended support for proxy sessions (the spec's
 * /service/deprecation) is added only where it can apply: an endpoint under the domain of the spec's
 * AWS endpoint, or an answer that looks like an AWS error (a JSON error whose type is an AWS exception name).
 */
export function describeRefusal(model: OperationModel, endpoint: string, voiceConnectorId: string, response: WireResponse): string {
  const create = `a plain, valid ${model.name} on voice connector ${echoed(voiceConnectorId)}`;
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.location;
    return `${create} was answered with ${response.status}, a redirect ${location ? `to ${echoed(location)}` : 'with no Location'}. The tool does not follow redirects (an AWS API answers where it is asked): give the endpoint itself as --endpoint.`;
  }
  const name = errorTypeOf(response.headers, response.json, model.spec.errorContract.header);
  const json = response.json as { Message?: unknown; message?: unknown } | undefined;
  const message = json?.Message ?? json?.message;
  const what = `${response.status}${name ? ` ${echoed(name)}` : ''}${typeof message === 'string' && message ? `: ${echoed(message, 300)}` : ''}${json === undefined ? ` (${bodyKind(response)})` : ''}`;
  const note = looksLikeAws(model, endpoint, response, name) && model.spec.service.deprecation ? ` Note: AWS ended support for Chime SDK proxy sessions on ${model.spec.service.deprecation.since}; a real AWS endpoint may no longer serve them at all.` : '';
  return `${create} was refused with ${what}. ${cause(model, response, name)}${note}`;
}

function cause(model: OperationModel, response: WireResponse, name: string | undefined): string {
  const status = response.status;
  const statusOf = (error: string) => model.spec.errors[error]?.status;
  const isApiError = response.json !== undefined;
  if (name === model.spec.oracle.unknownVoiceConnector.error || (isApiError && status === model.spec.oracle.unknownVoiceConnector.status)) {
    return 'Likely cause: the voice connector does not exist at this endpoint or has no proxy configuration (check --voice-connector-id).';
  }
  if (status === 401 || status === 403) return `Likely cause: the credentials are wrong or lack permission for ${model.spec.service.signingName}:${model.name}.`;
  if (model.spec.retry.errors.some((e) => e === name || statusOf(e) === status)) return 'Likely cause: the service is throttling or unavailable even after retries; try again later or lower --rate.';
  if (!isApiError) return 'The answer is no API error (no JSON body): something other than the API may answer at this --endpoint (a web server, proxy or load balancer). Every case would be refused the same way, so the run stops here.';
  return 'Every case would be refused the same way, so the run stops here.';
}

/**
 * Whether the AWS end-of-support note can apply: the endpoint's host is under the domain of the spec's
 * endpoint template (`https://voice-chime.{region}.amazonaws.com`: amazonaws.com), or the answer is a
 * JSON error named like an AWS error (an error of the spec, or any `...Exception`).
 */
function looksLikeAws(model: OperationModel, endpoint: string, response: WireResponse, name: string | undefined): boolean {
  const domain = model.spec.service.endpoint.split('{region}.')[1]?.replace(/[/:].*$/, '');
  let host = '';
  try {
    host = new URL(endpoint).hostname.toLowerCase();
  } catch {
    // not a URL: only the answer can tell
  }
  if (domain && (host === domain || host.endsWith(`.${domain}`))) return true;
  const isJsonError = response.json !== null && typeof response.json === 'object' && !Array.isArray(response.json);
  return isJsonError && name !== undefined && (Object.hasOwn(model.spec.errors, name) || /^[A-Z]\w*Exception$/.test(name));
}

/** What a body that is not JSON looks like, in a few words (an HTML error page says a web server answered). */
function bodyKind(response: WireResponse): string {
  const type = response.headers['content-type']?.split(';')[0]?.trim();
  if (response.bodyText.trim() === '') return 'empty body';
  if (type === 'text/html' || /^\s*<(!doctype|html)/i.test(response.bodyText)) return 'an HTML page, not an API answer';
  return `a ${type ? `${echoed(type, 60)} ` : ''}body that is not JSON`;
}
