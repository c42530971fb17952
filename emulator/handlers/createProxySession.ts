import type { EmulatorContext, OperationCall } from '../EmulatorContext.ts';
import type { SessionDraft, VoiceConnectorRecord } from '../ConnectorStore.ts';
import { newSessionId } from '../newSessionId.ts';
import { proxyConfiguration } from '../proxyConfiguration.ts';
import { readInput } from '../readInput.ts';
import { renderSession } from '../renderSession.ts';
import { resolveConnectorId } from '../resolveConnectorId.ts';
import { sendError } from '../sendError.ts';
import { sendSuccess } from '../sendSuccess.ts';
import { sessionEnumValue } from '../sessionEnumValue.ts';
import { voiceConnectorRecord } from '../voiceConnectorRecord.ts';

/**
 * CreateProxySession (spec /operation): validate labels and body against the spec (and apply the
 * emulator's choice for unspecified inputs: readInput.ts), find the voice connector and check its proxy configuration, allocate
 * proxy numbers, store the session, and answer the modelled success code with {"ProxySession": {...}}.
 */
export function createProxySession(ctx: EmulatorContext, call: OperationCall): void {
  const read = readInput(ctx, call);
  if (!read) return;
  const { input } = read;
  const { res } = call;

  const label = String(input.VoiceConnectorId);
  const connector = connectorFor(ctx, label);
  if (!connector) {
    // Spec /oracle/unknownVoiceConnector: a valid request for a connector that does not exist.
    const name = ctx.hooks.onUnknownConnector === 'bad-request' ? ctx.errors.invalid : ctx.errors.notFound;
    return sendError(ctx, res, name, `voice connector ${label} does not exist`);
  }
  // The model does not say what happens without a usable proxy configuration. The emulator refuses with
  // the constraint-violation error (400): the request is well-formed, the connector is not set up for it.
  if (!connector.proxy) return sendError(ctx, res, ctx.errors.invalid, `voice connector ${label} has no proxy configuration (PutVoiceConnectorProxy first)`);
  if (connector.proxy.Disabled) return sendError(ctx, res, ctx.errors.invalid, `proxy sessions are disabled on voice connector ${label} (its proxy configuration has Disabled: true)`);

  const draft = sessionDraft(ctx, input, connector, label);
  const record = ctx.store.openSession(draft, {
    sameForAll: ctx.variant.sameProxyForBoth,
    distinctPerParticipant: ctx.hooks.distinctPerParticipant,
    sticky: stickiness(ctx, input.NumberSelectionBehavior),
    prefers: ctx.hooks.honoursGeo ? ctx.geoPreference({ level: input.GeoMatchLevel, params: input.GeoMatchParams, participant: draft.participants[0] }) : undefined,
  });
  if (!record) return sendError(ctx, res, ctx.errors.unavailable, 'no proxy phone number is free for these participants; try again after closing sessions');
  if (!ctx.hooks.persistsSessions) ctx.store.forgetSession(record);

  try {
    const times = ctx.hooks.times({ created: record.created, updated: record.updated });
    sendSuccess(ctx, call, { ProxySession: ctx.hooks.session(renderSession(ctx, record, { times, stamp: ctx.hooks.formatTimestamp })) });
  } catch (error) {
    // The client is told the create failed (startEmulator answers the error contract), so the session must
    // not exist either: a stored session its create never answered would be listed, hold its proxy numbers
    // and block its connector's deletion for ever, and one that cannot be rendered would fail every List.
    ctx.store.forgetSession(record);
    throw error;
  }
}

/** The connector a label names; a fault may serve it from the default connector or create it on first use. */
function connectorFor(ctx: EmulatorContext, label: string): VoiceConnectorRecord | undefined {
  const id = resolveConnectorId(ctx, label);
  if (id !== undefined) return ctx.store.connector(id);
  if (ctx.hooks.onUnknownConnector !== 'create') return undefined;
  // unknown-connector-201: the new connector gets the preconfigured connectors' set-up (spec /lifecycle/provision).
  const { connector, proxy } = ctx.model.spec.lifecycle.provision;
  ctx.store.addConnector({ ...voiceConnectorRecord(ctx.model, label, ctx.now(), connector), proxy: proxyConfiguration(proxy) });
  return ctx.store.connector(label);
}

/** The session as the request asked for it (spec invariants request-echo, participants-echo, status-open, not-ended). */
function sessionDraft(ctx: EmulatorContext, input: Readonly<Record<string, unknown>>, connector: VoiceConnectorRecord, label: string): SessionDraft {
  const now = ctx.now();
  const reused = ctx.hooks.reusesDeletedIds ? ctx.store.takeLastDeletedId() : undefined;
  // Spec invariant default-expiry (advisory): no ExpiryMinutes → the connector's DefaultSessionExpiryMinutes.
  // The defaultExpiryMinutes variant, when set, stands in for it (any value is legitimate there).
  const expiry = input.ExpiryMinutes ?? ctx.variant.defaultExpiryMinutes ?? ctx.hooks.defaultExpiryMinutes(connector.proxy!.DefaultSessionExpiryMinutes);
  return {
    connectorId: connector.id,
    connectorLabel: label,
    id: reused ?? ctx.hooks.sessionId(newSessionId(ctx.variant.idFormat)),
    // Name is echoed only when non-empty: '' matches the pattern's ^$ branch but names nothing.
    ...(input.Name !== undefined && input.Name !== '' ? { name: input.Name } : {}),
    // CapabilityList has no uniqueness trait; a session has each capability once (spec unspecified capabilities-duplicate).
    capabilities: input.Capabilities === undefined ? undefined : [...new Set(asList(input.Capabilities))],
    expiryMinutes: expiry,
    participants: asList(input.ParticipantPhoneNumbers),
    ...(input.NumberSelectionBehavior !== undefined ? { numberSelectionBehavior: input.NumberSelectionBehavior } : {}),
    ...(input.GeoMatchLevel !== undefined ? { geoMatchLevel: input.GeoMatchLevel } : {}),
    ...(input.GeoMatchParams !== undefined ? { geoMatchParams: knownMembers(ctx, input.GeoMatchParams) } : {}),
    created: now,
    updated: now,
  };
}

/**
 * NumberSelectionBehavior as an allocation preference (spec invariant sticky-numbers, advisory); the
 * sticky-ignored fault treats PreferSticky like AvoidSticky.
 */
function stickiness(ctx: EmulatorContext, behavior: unknown): 'prefer' | 'avoid' | undefined {
  if (behavior === sessionEnumValue(ctx.model, 'NumberSelectionBehavior', 'PreferSticky')) return ctx.hooks.honoursSticky ? 'prefer' : 'avoid';
  if (behavior === sessionEnumValue(ctx.model, 'NumberSelectionBehavior', 'AvoidSticky')) return 'avoid';
  return undefined;
}

/** A list member as a list: lenient when a fault let a wrong JSON type through validation. */
function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined ? [] : [value];
}

/** GeoMatchParams reduced to the members its shape defines (unknown input members are not echoed). */
function knownMembers(ctx: EmulatorContext, value: unknown): unknown {
  const target = ctx.model.input.members.GeoMatchParams?.target;
  const shape = target === undefined ? undefined : ctx.model.shape(target);
  if (shape?.type !== 'structure' || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.keys(shape.members).filter((m) => Object.hasOwn(value, m)).map((m) => [m, (value as Record<string, unknown>)[m]]));
}
