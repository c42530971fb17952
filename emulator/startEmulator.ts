import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UsageError } from '../src/errors.ts';
import { CLOCK_CONTROL_PATH } from '../src/protocol/index.ts';
import { defaultOperation, type OperationModel } from '../src/spec/index.ts';
import { answerClockControl } from './answerClockControl.ts';
import { ConnectorStore } from './ConnectorStore.ts';
import { createClock } from './createClock.ts';
import type { EmulatorContext, Handler } from './EmulatorContext.ts';
import { errorByStatus, errorNames } from './errorNames.ts';
import { faultHooks } from './faultHooks.ts';
import type { FaultName } from './faults.ts';
import { geoPreference } from './geoPreference.ts';
import { OPERATION_HANDLERS } from './operationHandlers.ts';
import { ProxyNumberAllocator } from './ProxyNumberAllocator.ts';
import { proxyConfiguration } from './proxyConfiguration.ts';
import { proxyNumberPool } from './proxyNumberPool.ts';
import { readBody } from './readBody.ts';
import { createRouter } from './router.ts';
import { sendError } from './sendError.ts';
import { DEFAULT_VARIANT, type Variant } from './variants.ts';
import { directAnswer, type RequestDirector } from './requestDirector.ts';
import { receivedRequest, verifySignature, type SignatureOptions } from './verifySignature.ts';
import { voiceConnectorRecord } from './voiceConnectorRecord.ts';

/**
 * The connector every emulator has unless told otherwise: 22 characters of [a-z0-9], so it matches both
 * the model's NonEmptyString128 and botocore's stricter VoiceConnectorId pattern.
 */
export const DEFAULT_VOICE_CONNECTOR_ID = 'conformance0reference1';

export interface EmulatorOptions {
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Default defaultOperation(). */
  model?: OperationModel;
  /**
   * Preconfigured voice connectors, each with the proxy configuration of spec /lifecycle/provision/proxy;
   * default [DEFAULT_VOICE_CONNECTOR_ID]. The first is the default one. [] starts with no connector at
   * all: CreateVoiceConnector and PutVoiceConnectorProxy make one (--provision).
   */
  voiceConnectorIds?: string[];
  /** Default 65536; a larger body is a 400 BadRequestException. */
  maxBodyBytes?: number;
  /** Deliberate defects, for the project's own tests (faults.ts). */
  faults?: FaultName[];
  /** Legitimate alternative behaviours a correct checker must accept (variants.ts). */
  variant?: Partial<Variant>;
  /** Injectable clock for timestamps, expiry and signature skew (clock control moves it from here, never behind it). */
  now?: () => Date;
  /**
   * Serve the clock-control contract (src/protocol/clockControl.ts) on CLOCK_CONTROL_PATH, without a
   * signature check: GET reads the clock, POST {"advanceSeconds": n} moves it (back when n < 0). Default false:
   * the path is then answered like any unknown route.
   */
  clockControl?: boolean;
  /** How many proxy numbers the pool holds (default: every number of the spec's first fictional pattern, up to 100000). */
  proxyPoolSize?: number;
  /**
   * SigV4 verification (verifySignature.ts); off when absent. When set, every request must be signed by
   * one of `credentials` for the spec's signing name, in `region` if given, with an X-Amz-Date within
   * `maxSkewSeconds` (default 300) of `now()`: an unsigned request is answered 401, a bad signature 403,
   * each with the spec's error of that status.
   */
  signatures?: SignatureOptions;
  /**
   * Judging clients (`conformance client`): decides, request by request, how each is answered (an error,
   * a delay, a reset, a changed body) and sees every answer (requestDirector.ts). Absent: every request
   * is served as usual.
   */
  director?: RequestDirector;
}

export interface RunningEmulator {
  /** Base URL, e.g. http://127.0.0.1:43567 (no trailing slash). */
  url: string;
  /** The default (first preconfigured) voice connector id; undefined when started with none. */
  voiceConnectorId: string | undefined;
  /** Ids of the voice connectors that exist now, preconfigured or created, oldest first. */
  voiceConnectors(): string[];
  /** Sessions that still exist on all connectors: open or expired, every one not deleted. */
  openSessions(): number;
  /** Stops listening and destroys every connection, hung ones included. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts the reference emulator of CreateProxySession and its sibling operations (the session lifecycle
 * and the connector's proxy set-up): an in-memory restJson1 server whose validation, routes, status codes
 * and error names all come from the compiled spec.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const model = options.model ?? defaultOperation();
  const connectorIds = options.voiceConnectorIds ?? [DEFAULT_VOICE_CONNECTOR_ID];
  if (!Array.isArray(connectorIds) || connectorIds.some((id) => typeof id !== 'string')) throw new UsageError('voiceConnectorIds must be a list of voice connector ids');
  const defaultConnectorId = connectorIds[0];
  const maxBodyBytes = options.maxBodyBytes ?? 65_536;
  if (!(maxBodyBytes >= 0)) throw new UsageError(`maxBodyBytes must be a non-negative number, not ${maxBodyBytes}`);
  const errors = errorNames(model);
  const signatures = options.signatures && checkedSignatures(options.signatures, model);
  const clock = createClock(options.now);
  const ctx: EmulatorContext = {
    model,
    variant: Object.freeze({ ...DEFAULT_VARIANT, ...options.variant }),
    hooks: faultHooks(model, errors, options.faults),
    store: new ConnectorStore(new ProxyNumberAllocator(proxyNumberPool(model, options.proxyPoolSize))),
    errors,
    now: clock.now,
    defaultConnectorId,
    maxBodyBytes,
    geoPreference: geoPreference(model),
  };
  // Spec /lifecycle/provision: the preconfigured connectors have the set-up a --provision run makes.
  const { connector, proxy } = model.spec.lifecycle.provision;
  for (const id of connectorIds) ctx.store.addConnector({ ...voiceConnectorRecord(model, id, ctx.now(), connector), proxy: proxyConfiguration(proxy) });
  const route = createRouter(routes(model));
  const requestIdHeader = model.spec.errorContract.requestIdHeader;

  /**
   * Every request goes the same way: the body (read within maxBodyBytes), clock control (when on; not an
   * AWS request, so nothing else applies to it), the director (when there is one), throttling faults, the signature (when signatures are
   * on: over the raw body, so after reading it and before any handler), expiry (applied lazily, before
   * any request is answered, so every operation sees the same state), the route, and the handler.
   */
  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = route(req.method ?? '', req.url ?? '/');
    const read = await readBody(req, maxBodyBytes);
    if (read.kind === 'aborted') return;
    if (options.clockControl && (req.method === 'GET' || req.method === 'POST') && pathOf(req.url ?? '/') === CLOCK_CONTROL_PATH) {
      return answerClockControl(clock, req.method, read.kind === 'complete' ? read.bytes : undefined, res);
    }
    if (options.director) {
      const operation = match.kind === 'found' ? match.handler.operation.name : undefined;
      const direction = options.director({ ...receivedRequest(req, read.kind === 'complete' ? read.bytes : Buffer.alloc(0)), operation });
      if (direction.answer) directAnswer(res, direction.answer);
      if (direction.delayMs) await new Promise((resolve) => setTimeout(resolve, direction.delayMs));
      if (direction.error) return sendError(ctx, res, direction.error.name, direction.error.message, { headers: direction.error.headers ?? {} });
    }
    const throttled = ctx.hooks.throttle({
      operation: match.kind === 'found' ? match.handler.operation.name : undefined,
      fingerprint: () => `${req.method ?? ''} ${req.url ?? ''} ${read.kind === 'complete' ? createHash('sha256').update(read.bytes).digest('hex') : read.kind}`,
    });
    if (throttled) return sendError(ctx, res, throttled.name, throttled.message, { headers: throttled.headers ?? {} });
    if (read.kind === 'too-large') return sendError(ctx, res, errors.invalid, `the request body exceeds ${maxBodyBytes} bytes`);
    if (signatures) {
      const verdict = await verifySignature(receivedRequest(req, read.bytes), signatures.options, { service: model.spec.service.signingName, now: ctx.now() });
      if (!verdict.ok) {
        // RFC 9110 §11.6.1: a 401 names the scheme that would be accepted.
        const challenge: Record<string, string> = verdict.status === 401 ? { 'www-authenticate': 'AWS4-HMAC-SHA256' } : {};
        return sendError(ctx, res, signatures.errorFor[verdict.status], verdict.message, { headers: challenge });
      }
    }
    if (ctx.hooks.expiresSessions) ctx.store.expire(ctx.now());
    if (match.kind === 'missing') {
      const unrouted = `no operation is bound to ${req.method ?? ''} ${(req.url ?? '').split('?')[0]}`;
      return sendError(ctx, res, ctx.hooks.onUnrouted(req.method ?? '', pathOf(req.url ?? '/')) === 'server-error' ? errors.failure : errors.notFound, unrouted);
    }
    if (match.kind === 'bad-label') return sendError(ctx, res, errors.invalid, `the ${match.label} label is not valid percent-encoding`);
    await match.handler.handler(ctx, { operation: match.handler.operation, req, res, labels: match.labels, body: read.bytes });
  }

  const server = createServer((req, res) => {
    // Spec /errorContract/requestIdHeader: every response, success or error, carries a request id.
    if (ctx.hooks.requestId) res.setHeader(requestIdHeader, randomUUID());
    serve(req, res).catch(() => {
      // A bug in the emulator must still answer with the error contract, never hang the client.
      if (!res.headersSent) sendError(ctx, res, errors.failure, 'internal failure');
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${host}:${address.port}`,
    voiceConnectorId: defaultConnectorId,
    voiceConnectors: () => ctx.store.connectorIds(),
    openSessions: () => ctx.store.size,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive, in-flight and deliberately hung (hang-on-invalid) connections would keep close() waiting.
        server.closeAllConnections();
      })),
  };
}

/**
 * One route per operation of the spec (/operation and /operations) that the emulator implements, bound
 * as the spec binds it.
 */
function routes(model: OperationModel): Array<{ binding: OperationModel['http']; handler: { operation: OperationModel; handler: Handler } }> {
  return [model.name, ...Object.keys(model.spec.operations).filter((name) => name !== model.name)].flatMap((name) => {
    const handler = Object.hasOwn(OPERATION_HANDLERS, name) ? OPERATION_HANDLERS[name] : undefined;
    const operation = name === model.name ? model : model.operation(name);
    return handler ? [{ binding: operation.http, handler: { operation, handler } }] : [];
  });
}

/** The path of a request target, without query or fragment. */
function pathOf(target: string): string {
  return target.split(/[?#]/, 1)[0] || '/';
}

/**
 * Checks the signature settings once, at start-up, and names the errors verification sends: the
 * operation's 401 and 403 errors (spec /errors), UnauthorizedClientException and ForbiddenException for
 * Chime. A spec without them cannot express a signature failure, so that is a start-up error.
 */
function checkedSignatures(options: SignatureOptions, model: OperationModel): { options: SignatureOptions; errorFor: Record<401 | 403, string> } {
  const { credentials, region, maxSkewSeconds } = options;
  if (!Array.isArray(credentials) || credentials.length === 0) throw new UsageError('signatures.credentials must list at least one pair of test credentials');
  const seen = new Set<string>();
  for (const [i, c] of credentials.entries()) {
    if (typeof c?.accessKeyId !== 'string' || c.accessKeyId === '' || /[\s/,=]/.test(c.accessKeyId)) {
      throw new UsageError(`signatures.credentials[${i}].accessKeyId must be a non-empty string without whitespace, '/', ',' or '='`);
    }
    if (typeof c.secretAccessKey !== 'string' || c.secretAccessKey === '') throw new UsageError(`signatures.credentials[${i}].secretAccessKey must be a non-empty string`);
    if (c.sessionToken !== undefined && (typeof c.sessionToken !== 'string' || c.sessionToken === '')) {
      throw new UsageError(`signatures.credentials[${i}].sessionToken, when given, must be a non-empty string`);
    }
    if (seen.has(c.accessKeyId)) throw new UsageError(`signatures.credentials lists access key ID ${c.accessKeyId} twice`);
    seen.add(c.accessKeyId);
  }
  if (region !== undefined && (typeof region !== 'string' || !/^[a-z0-9-]+$/.test(region))) throw new UsageError(`signatures.region must be a region name such as us-east-1, not ${JSON.stringify(region)}`);
  if (maxSkewSeconds !== undefined && !(Number.isFinite(maxSkewSeconds) && maxSkewSeconds >= 0)) {
    throw new UsageError(`signatures.maxSkewSeconds must be a non-negative number of seconds, not ${maxSkewSeconds}`);
  }
  return {
    // A copy, so a caller changing its options later does not change a running emulator.
    options: { credentials: credentials.map((c) => ({ ...c })), ...(region !== undefined ? { region } : {}), ...(maxSkewSeconds !== undefined ? { maxSkewSeconds } : {}) },
    errorFor: { 401: errorByStatus(model, 401), 403: errorByStatus(model, 403) },
  };
}
