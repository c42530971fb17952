import { normalizeNumber, participantsOf, sessionInvariant } from './_invariant.ts';
import { sentBody } from './_exchange.ts';
import type { ListShape } from '../src/spec/index.ts';
import type { CheckState, Exchange } from './types.ts';

/**
 * The per-session invariants of spec /invariants. Each is small and named after its spec id; they share
 * one file because each is a few lines over the same helper.
 */

/** two-participants: one Participant per requested number; the count is ParticipantPhoneNumberList's @length. */
export const twoParticipants = sessionInvariant('two-participants', 'a session has exactly the requested number of participants', (session, _ex, ctx) => {
  const list = Object.values(ctx.model.bodyMembers).map((m) => ctx.model.shape(m.target)).find((s): s is ListShape => s.type === 'list' && s.length?.min !== undefined && s.length.min === s.length.max);
  const want = list?.length?.min ?? 2;
  const got = Array.isArray(session.Participants) ? session.Participants.length : 'none';
  return got === want ? [] : [['/Participants', want, got, `expected ${want} participants, got ${got}`]];
});

/** participants-echo: the participants' own numbers are the requested ones, as a set, equal up to a leading '+'. */
export const participantsEcho = sessionInvariant('participants-echo', "participants' numbers are the requested numbers", (session, ex) => {
  const sent = (sentBody(ex)?.ParticipantPhoneNumbers as string[] | undefined) ?? [];
  const want = [...sent].map(normalizeNumber).sort();
  const got = participantsOf(session).map((p) => normalizeNumber(p.phone)).sort();
  return JSON.stringify(want) === JSON.stringify(got) ? [] : [['/Participants', sent, participantsOf(session).map((p) => p.phone), 'the participants are not the requested numbers']];
});

/** proxy-number-masks: no ProxyPhoneNumber equals a participant's own number. */
export const proxyNumberMasks = sessionInvariant('proxy-number-masks', "a proxy number is never a participant's own number", (session) => {
  const people = participantsOf(session);
  const own = new Set(people.map((p) => normalizeNumber(p.phone)));
  return people.flatMap((p, i) =>
    own.has(normalizeNumber(p.proxy)) ? [[`/Participants/${i}/ProxyPhoneNumber`, 'a number that is not a participant', p.proxy, `participant ${i}'s proxy number ${p.proxy} is a participant's own number, so it masks nothing`] as [string, unknown, unknown, string]] : [],
  );
});

/** voice-connector-echo: the session belongs to the connector in the path. */
export const voiceConnectorEcho = sessionInvariant('voice-connector-echo', 'VoiceConnectorId is the one in the path', (session, ex) => {
  const want = ex.step.labels.VoiceConnectorId;
  return session.VoiceConnectorId === want ? [] : [['/VoiceConnectorId', want, session.VoiceConnectorId, 'the session names another voice connector than the one in the path']];
});

/**
 * session-id-unique: no two sessions that exist at the same time share a ProxySessionId (Get and Delete
 * name a session by it). Reusing the id of a session that was already deleted is not ruled out by any source.
 */
export const sessionIdUnique = sessionInvariant('session-id-unique', 'sessions that exist at the same time have different ProxySessionIds', (session, ex, ctx) => {
  const id = session.ProxySessionId;
  if (typeof id !== 'string' || id === '') return [['/ProxySessionId', 'a non-empty id', id, 'the session has no ProxySessionId']];
  const life = { token: tokenOf(ex), from: ex.receivedAt, to: ex.deletedAt ?? Number.POSITIVE_INFINITY };
  const others = ctx.state.seenSessionIds.get(id) ?? [];
  const clash = others.find((o) => o.token !== life.token && o.from <= life.to && life.from <= o.to);
  if (!others.some((o) => o.token === life.token)) ctx.state.seenSessionIds.set(id, [...others, life]);
  return clash ? [['/ProxySessionId', 'an id no other open session has', id, `ProxySessionId ${id} also names another session that was open at the same time`]] : [];
});

/**
 * A token per exchange, so that the run-wide record of sessions (CheckState) tells an exchange from another
 * without holding on to it: a run keeps one small entry per session, not every request and answer.
 */
const tokens = new WeakMap<Exchange, symbol>();
function tokenOf(ex: Exchange): symbol {
  let token = tokens.get(ex);
  if (!token) tokens.set(ex, (token = Symbol('exchange')));
  return token;
}

/**
 * Forgets the sessions of the run-wide record that ended (were deleted) before `instant`: no session seen
 * from then on can have been open at the same time, so session-id-unique never needs them again, and the
 * record stays as small as the sessions that overlap the cases still in flight.
 */
export function forgetEndedBefore(state: CheckState, instant: number): void {
  for (const [id, lives] of state.seenSessionIds) {
    const kept = lives.filter((life) => life.to >= instant);
    if (kept.length === 0) state.seenSessionIds.delete(id);
    else if (kept.length < lives.length) state.seenSessionIds.set(id, kept);
  }
}

/** status-open: a session just created is Open. */
export const statusOpen = sessionInvariant('status-open', 'a new session is Open', (session) =>
  session.Status === 'Open' ? [] : [['/Status', 'Open', session.Status, `a new session has Status ${String(session.Status)}`]],
);

/** created-recent: CreatedTimestamp is within the spec's tolerance of when the request was sent. */
export const createdRecent = sessionInvariant('created-recent', 'CreatedTimestamp is close to now', (session, ex, ctx) => {
  const tolerance = (ctx.model.invariants['created-recent']?.toleranceSeconds ?? 300) * 1000;
  const at = Date.parse(String(session.CreatedTimestamp));
  if (Number.isNaN(at)) return [];
  return at >= ex.sentAt - tolerance && at <= ex.receivedAt + tolerance
    ? []
    : [['/CreatedTimestamp', `within ${tolerance / 1000} s of ${new Date(ex.sentAt).toISOString()}`, session.CreatedTimestamp, `CreatedTimestamp is ${Math.round((at - ex.sentAt) / 1000)} s away from the time of the request`]];
});

/** updated-after-created: UpdatedTimestamp is not before CreatedTimestamp. */
export const updatedAfterCreated = sessionInvariant('updated-after-created', 'UpdatedTimestamp is not before CreatedTimestamp', (session) => {
  const created = Date.parse(String(session.CreatedTimestamp));
  const updated = Date.parse(String(session.UpdatedTimestamp));
  if (Number.isNaN(created) || Number.isNaN(updated)) return [];
  return updated >= created ? [] : [['/UpdatedTimestamp', `not before ${String(session.CreatedTimestamp)}`, session.UpdatedTimestamp, 'UpdatedTimestamp is before CreatedTimestamp']];
});

/** not-ended: an Open session has no EndedTimestamp. */
export const notEnded = sessionInvariant('not-ended', 'a new session has no EndedTimestamp', (session) =>
  session.EndedTimestamp === undefined || session.EndedTimestamp === null ? [] : [['/EndedTimestamp', 'absent', session.EndedTimestamp, 'a session that was just created already has an EndedTimestamp']],
);

/** proxy-numbers-differ-within-session (opt-in, --strict): the two participants get different proxy numbers. */
export const proxyNumbersDifferWithinSession = sessionInvariant('proxy-numbers-differ-within-session', 'the participants of one session get different proxy numbers', (session) => {
  const proxies = participantsOf(session).map((p) => normalizeNumber(p.proxy));
  return new Set(proxies).size === proxies.length ? [] : [['/Participants', 'different proxy numbers', proxies, 'both participants got the same proxy number']];
});
