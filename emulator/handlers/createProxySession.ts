import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from '../EmulatorContext.ts';
import { formatTimestamp } from '../formatTimestamp.ts';
import type { ProxySessionBody } from '../faultHooks.ts';
import { newSessionId } from '../newSessionId.ts';
import { parseBody } from '../parseBody.ts';
import { rejectInvalid } from '../rejectInvalid.ts';
import { sendError } from '../sendError.ts';
import { sendResponse } from '../sendResponse.ts';
import { sessionEnumValue } from '../sessionEnumValue.ts';
import { unspecifiedCases } from '../unspecifiedCases.ts';
import { unspecifiedPolicy } from '../unspecifiedPolicy.ts';
import { validateInput } from '../validateInput.ts';

/**
 * CreateProxySession (spec /operation): deserialise the body (read by the server, startEmulator.ts),
 * validate labels and body against the spec, apply the emulator's choice for unspecified inputs, find the
 * voice connector, allocate proxy numbers, and answer the modelled success code with {"ProxySession": {...}}.
 */
export function createProxySession(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, labels: Readonly<Record<string, string>>, bodyBytes: Buffer): void {
  const parsed = parseBody(bodyBytes);
  if (parsed.kind === 'malformed') return rejectInvalid(ctx, req, res, parsed.message, 'malformed');
  const problem = validateInput(ctx.model, labels, parsed.body, ctx.hooks);
  if (problem !== undefined) return rejectInvalid(ctx, req, res, problem);
  const input = { ...parsed.body, ...labels };

  // Spec /oracle/unspecified: model-valid, behaviour undocumented; a 4xx with the error contract is allowed.
  for (const c of unspecifiedCases(ctx.model, input, parsed.nulls)) {
    if (ctx.hooks.serverErrorOn(c)) return sendError(ctx, res, ctx.errors.failure, 'internal failure');
    if (unspecifiedPolicy(ctx.variant.unspecified, c) === 'reject') {
      return sendError(ctx, res, ctx.errors.invalid, `${c.member ?? 'the request'}: this server does not support this input (${c.why})`);
    }
  }

  const label = String(input.VoiceConnectorId);
  let connectorId = label;
  if (!ctx.store.hasConnector(label)) {
    const resolved = ctx.hooks.resolveConnector(label, ctx.defaultConnectorId);
    if (resolved !== undefined) connectorId = resolved;
    else if (ctx.hooks.onUnknownConnector === 'create') ctx.store.addConnector(label);
    else {
      // Spec /oracle/unknownVoiceConnector: a valid request for a connector that does not exist.
      const name = ctx.hooks.onUnknownConnector === 'bad-request' ? ctx.errors.invalid : ctx.errors.notFound;
      return sendError(ctx, res, name, `voice connector ${label} does not exist`);
    }
  }

  const numbers = asList(input.ParticipantPhoneNumbers);
  const sessionId = ctx.hooks.sessionId(newSessionId(ctx.variant.idFormat));
  const proxies = ctx.store.open(connectorId, sessionId, numbers, {
    sameForAll: ctx.variant.sameProxyForBoth,
    distinctPerParticipant: ctx.hooks.distinctPerParticipant,
  });
  if (!proxies) return sendError(ctx, res, ctx.errors.unavailable, 'no proxy phone number is free for these participants; try again after closing sessions');

  const session = ctx.hooks.session(sessionBody(ctx, input, label, sessionId, numbers, proxies));
  const body = JSON.stringify({ ProxySession: session, ...(ctx.variant.extraMembers ? { ResponseMetadata: { Emulator: 'conformance-reference' } } : {}) });
  sendResponse(res, ctx.hooks.success({ status: ctx.model.http.code, headers: { 'content-type': 'application/json' }, body }));
}

/** The ProxySession as the request asked for it (spec invariants request-echo, participants-echo, status-open, not-ended). */
function sessionBody(
  ctx: EmulatorContext,
  input: Readonly<Record<string, unknown>>,
  connectorLabel: string,
  sessionId: string,
  numbers: readonly unknown[],
  proxies: readonly string[],
): ProxySessionBody {
  const { variant, hooks } = ctx;
  const now = ctx.now();
  const times = hooks.times({ created: now, updated: now });
  const stamp = (date: Date) => hooks.formatTimestamp?.(date) ?? formatTimestamp(date, variant.timestamps);
  const participants = numbers.map((n, i) => ({
    PhoneNumber: variant.plusPrefix && typeof n === 'string' && !n.startsWith('+') ? `+${n}` : n,
    ProxyPhoneNumber: proxies[i],
  }));
  // CapabilityList has no uniqueness trait; a session has each capability once (spec unspecified capabilities-duplicate).
  const capabilities = input.Capabilities === undefined ? undefined : [...new Set(asList(input.Capabilities))];
  const expiry = input.ExpiryMinutes ?? variant.defaultExpiryMinutes;
  const geoParams = input.GeoMatchParams === undefined ? undefined : knownMembers(ctx, input.GeoMatchParams);
  return {
    VoiceConnectorId: connectorLabel,
    ProxySessionId: sessionId,
    // Name is echoed only when non-empty: '' matches the pattern's ^$ branch but names nothing.
    ...(input.Name !== undefined && input.Name !== '' ? { Name: input.Name } : {}),
    Status: sessionEnumValue(ctx.model, 'Status', 'Open'),
    ...(expiry !== undefined ? { ExpiryMinutes: expiry } : {}),
    ...(capabilities !== undefined ? { Capabilities: variant.reverseCapabilities ? capabilities.reverse() : capabilities } : {}),
    CreatedTimestamp: stamp(times.created),
    UpdatedTimestamp: stamp(times.updated),
    ...(times.ended !== undefined ? { EndedTimestamp: stamp(times.ended) } : {}),
    Participants: variant.reverseParticipants ? participants.reverse() : participants,
    ...(input.NumberSelectionBehavior !== undefined ? { NumberSelectionBehavior: input.NumberSelectionBehavior } : {}),
    ...(input.GeoMatchLevel !== undefined ? { GeoMatchLevel: input.GeoMatchLevel } : {}),
    ...(geoParams !== undefined ? { GeoMatchParams: geoParams } : {}),
    // Members a newer service version might add; clients must ignore them (variant extraMembers).
    ...(variant.extraMembers ? { SessionOrigin: 'conformance-reference', Diagnostics: { Allocator: 'round-robin' } } : {}),
  };
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
