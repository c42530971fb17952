import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OperationModel } from '../src/spec/index.ts';
import type { ConnectorStore } from './ConnectorStore.ts';
import type { ErrorNames } from './errorNames.ts';
import type { FaultHooks } from './faultHooks.ts';
import type { GeoRequest } from './geoPreference.ts';
import type { Variant } from './variants.ts';

/** What every handler of one running emulator reads. */
export interface EmulatorContext {
  /** The conformance target (spec /operation); its siblings via model.operation(name). */
  readonly model: OperationModel;
  readonly variant: Readonly<Variant>;
  readonly hooks: FaultHooks;
  readonly store: ConnectorStore;
  readonly errors: ErrorNames;
  /** The only clock: EmulatorOptions.now (else the system clock) plus what clock control added. */
  readonly now: () => Date;
  /** The first configured connector (accept-long-label puts sessions there); none when started without one. */
  readonly defaultConnectorId: string | undefined;
  readonly maxBodyBytes: number;
  /** The proxy numbers a CreateProxySession's geo-match asks for, as the start of their digits (geoPreference.ts). */
  readonly geoPreference: (request: GeoRequest) => string | undefined;
}

/** One request routed to an operation. */
export interface OperationCall {
  /** The compiled operation the route is bound to (spec /operation or /operations). */
  readonly operation: OperationModel;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** Label values, percent-decoded. */
  readonly labels: Readonly<Record<string, string>>;
  /** The body, already read within maxBodyBytes (and verified with the signature, when signatures are on). */
  readonly body: Buffer;
}

/** A route's handler. */
export type Handler = (ctx: EmulatorContext, call: OperationCall) => void | Promise<void>;
