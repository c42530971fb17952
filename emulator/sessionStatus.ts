import type { OperationModel } from '../src/spec/index.ts';
import type { SessionRecord } from './ConnectorStore.ts';
import { sessionEnumValue } from './sessionEnumValue.ts';

/**
 * A session's Status: Open while it runs (spec invariant status-open), the spec's expired status
 * (/lifecycle/expired/status, Closed) once it has ended. Both are checked against ProxySessionStatus.
 */
export function sessionStatus(model: OperationModel, record: Pick<SessionRecord, 'ended'>): string {
  return sessionEnumValue(model, 'Status', record.ended === undefined ? 'Open' : model.spec.lifecycle.expired.status);
}
