import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UsageError } from '../src/errors.ts';
import { defaultOperation, type OperationModel } from '../src/spec/index.ts';
import type { EmulatorContext, Handler } from './EmulatorContext.ts';
import { errorNames } from './errorNames.ts';
import { faultHooks } from './faultHooks.ts';
import type { FaultName } from './faults.ts';
import { createProxySession } from './handlers/createProxySession.ts';
import { deleteProxySession } from './handlers/deleteProxySession.ts';
import { proxyNumberPool } from './proxyNumberPool.ts';
import { createRouter } from './router.ts';
import { sendError } from './sendError.ts';
import { SessionStore } from './SessionStore.ts';
import { DEFAULT_VARIANT, type Variant } from './variants.ts';

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
  /** Preconfigured voice connectors; default [DEFAULT_VOICE_CONNECTOR_ID]. The first is the default one. */
  voiceConnectorIds?: string[];
  /** Default 65536; a larger body is a 400 BadRequestException. */
  maxBodyBytes?: number;
  /** Deliberate defects, for the project's own tests (faults.ts). */
  faults?: FaultName[];
  /** Legitimate alternative behaviours a correct checker must accept (variants.ts). */
  variant?: Partial<Variant>;
  /** Injectable clock for timestamps. */
  now?: () => Date;
  /** How many proxy numbers the pool holds (default: every number of the spec's first fictional pattern, up to 100000). */
  proxyPoolSize?: number;
}

export interface RunningEmulator {
  /** Base URL, e.g. http://127.0.0.1:43567 (no trailing slash). */
  url: string;
  /** The default (first) voice connector id. */
  voiceConnectorId: string;
  /** Open sessions on all connectors. */
  openSessions(): number;
  /** Stops listening and destroys every connection, hung ones included. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts the reference emulator of CreateProxySession and DeleteProxySession: an in-memory restJson1
 * server whose validation, routes, status codes and error names all come from the compiled spec.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const model = options.model ?? defaultOperation();
  const connectorIds = options.voiceConnectorIds ?? [DEFAULT_VOICE_CONNECTOR_ID];
  const defaultConnectorId = connectorIds[0];
  if (defaultConnectorId === undefined) throw new UsageError('the emulator needs at least one voice connector id');
  const maxBodyBytes = options.maxBodyBytes ?? 65_536;
  if (!(maxBodyBytes >= 0)) throw new UsageError(`maxBodyBytes must be a non-negative number, not ${maxBodyBytes}`);
  const errors = errorNames(model);
  const ctx: EmulatorContext = {
    model,
    variant: Object.freeze({ ...DEFAULT_VARIANT, ...options.variant }),
    hooks: faultHooks(model, errors, options.faults),
    store: new SessionStore(connectorIds, proxyNumberPool(model, options.proxyPoolSize)),
    errors,
    now: options.now ?? (() => new Date()),
    defaultConnectorId,
    maxBodyBytes,
  };
  const route = createRouter<Handler>([
    { binding: model.http, handler: createProxySession },
    { binding: model.cleanup, handler: deleteProxySession },
  ]);
  const requestIdHeader = model.spec.errorContract.requestIdHeader;

  const server = createServer((req, res) => {
    // Spec /errorContract/requestIdHeader: every response, success or error, carries a request id.
    if (ctx.hooks.requestId) res.setHeader(requestIdHeader, randomUUID());
    const match = route(req.method ?? '', req.url ?? '/');
    if (match.kind === 'missing') return sendError(ctx, res, errors.notFound, `no operation is bound to ${req.method ?? ''} ${(req.url ?? '').split('?')[0]}`);
    if (match.kind === 'bad-label') return sendError(ctx, res, errors.invalid, `the ${match.label} label is not valid percent-encoding`);
    Promise.resolve()
      .then(() => match.handler(ctx, req, res, match.labels))
      .catch(() => {
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
    openSessions: () => ctx.store.size,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive, in-flight and deliberately hung (hang-on-invalid) connections would keep close() waiting.
        server.closeAllConnections();
      })),
  };
}
