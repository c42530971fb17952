import type { EmulatorContext } from './EmulatorContext.ts';
import type { SessionRecord } from './ConnectorStore.ts';
import type { ProxySessionBody, SessionTimes } from './faultHooks.ts';
import { formatTimestamp } from './formatTimestamp.ts';
import { sessionStatus } from './sessionStatus.ts';

export interface RenderOptions {
  /** Instants to report instead of the record's (CreateProxySession's timestamp faults). */
  times?: SessionTimes;
  /** Replaces the Iso8601Timestamp rendering (the epoch-timestamps fault, CreateProxySession only). */
  stamp?: ((date: Date) => unknown) | undefined;
}

/**
 * A stored session as the ProxySession shape (spec shapes/ProxySession), the same for Create, Get, List
 * and Update, in the variant's legitimate style (timestamp format, member orders, '+' prefix, extra
 * members). The member that says when an expired session ended is spec /lifecycle/expired/endedMember.
 */
export function renderSession(ctx: EmulatorContext, record: SessionRecord, options: RenderOptions = {}): ProxySessionBody {
  const { variant, model } = ctx;
  const times: SessionTimes = options.times ?? { created: record.created, updated: record.updated, ...(record.ended ? { ended: record.ended } : {}) };
  const stamp = options.stamp ?? ((date: Date) => formatTimestamp(date, variant.timestamps));
  const participants = record.participants.map((n, i) => ({
    PhoneNumber: variant.plusPrefix && typeof n === 'string' && !n.startsWith('+') ? `+${n}` : n,
    ProxyPhoneNumber: record.proxies[i],
  }));
  return {
    VoiceConnectorId: record.connectorLabel,
    ProxySessionId: record.id,
    ...(record.name !== undefined ? { Name: record.name } : {}),
    Status: sessionStatus(model, record),
    ...(record.expiryMinutes !== undefined ? { ExpiryMinutes: record.expiryMinutes } : {}),
    ...(record.capabilities !== undefined ? { Capabilities: variant.reverseCapabilities ? [...record.capabilities].reverse() : record.capabilities } : {}),
    CreatedTimestamp: stamp(times.created),
    UpdatedTimestamp: stamp(times.updated),
    ...(times.ended !== undefined ? { [model.spec.lifecycle.expired.endedMember]: stamp(times.ended) } : {}),
    Participants: variant.reverseParticipants ? participants.reverse() : participants,
    ...(record.numberSelectionBehavior !== undefined ? { NumberSelectionBehavior: record.numberSelectionBehavior } : {}),
    ...(record.geoMatchLevel !== undefined ? { GeoMatchLevel: record.geoMatchLevel } : {}),
    ...(record.geoMatchParams !== undefined ? { GeoMatchParams: record.geoMatchParams } : {}),
    // Members a newer service version might add; clients must ignore them (variant extraMembers).
    ...(variant.extraMembers ? { SessionOrigin: 'conformance-reference', Diagnostics: { Allocator: 'round-robin' } } : {}),
  };
}
