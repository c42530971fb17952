import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OperationModel } from '../src/spec/index.ts';
import type { ErrorNames } from './errorNames.ts';
import type { FaultHooks } from './faultHooks.ts';
import type { SessionStore } from './SessionStore.ts';
import type { Variant } from './variants.ts';

/** What every handler of one running emulator reads. */
export interface EmulatorContext {
  readonly model: OperationModel;
  readonly variant: Readonly<Variant>;
  readonly hooks: FaultHooks;
  readonly store: SessionStore;
  readonly errors: ErrorNames;
  readonly now: () => Date;
  /** The first configured connector (accept-long-label puts sessions there). */
  readonly defaultConnectorId: string;
  readonly maxBodyBytes: number;
}

/**
 * A route's handler: answers one request whose label values (percent-decoded) are in `labels` and whose
 * body, already read within maxBodyBytes (and verified with the signature, when signatures are on), is `body`.
 */
export type Handler = (ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, labels: Readonly<Record<string, string>>, body: Buffer) => void | Promise<void>;
