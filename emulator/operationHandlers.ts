import type { Handler } from './EmulatorContext.ts';
import { createProxySession } from './handlers/createProxySession.ts';
import { createVoiceConnector } from './handlers/createVoiceConnector.ts';
import { deleteProxySession } from './handlers/deleteProxySession.ts';
import { deleteVoiceConnector } from './handlers/deleteVoiceConnector.ts';
import { deleteVoiceConnectorProxy } from './handlers/deleteVoiceConnectorProxy.ts';
import { getProxySession } from './handlers/getProxySession.ts';
import { getVoiceConnectorProxy } from './handlers/getVoiceConnectorProxy.ts';
import { listProxySessions } from './handlers/listProxySessions.ts';
import { putVoiceConnectorProxy } from './handlers/putVoiceConnectorProxy.ts';
import { updateProxySession } from './handlers/updateProxySession.ts';

/**
 * The emulator's handler for each operation it implements, by the operation's name in the spec
 * (/operation/name, /operations keys). Routes come from the spec's bindings: an operation the spec does
 * not list is not served, whatever is here.
 */
export const OPERATION_HANDLERS: Readonly<Record<string, Handler>> = Object.freeze({
  CreateProxySession: createProxySession,
  GetProxySession: getProxySession,
  ListProxySessions: listProxySessions,
  UpdateProxySession: updateProxySession,
  DeleteProxySession: deleteProxySession,
  PutVoiceConnectorProxy: putVoiceConnectorProxy,
  GetVoiceConnectorProxy: getVoiceConnectorProxy,
  DeleteVoiceConnectorProxy: deleteVoiceConnectorProxy,
  CreateVoiceConnector: createVoiceConnector,
  DeleteVoiceConnector: deleteVoiceConnector,
});
