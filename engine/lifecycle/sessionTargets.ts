import type { TrackedSession } from '../../checks/index.ts';
import type { LifecycleState } from './types.ts';

/**
 * Whether a session this run did not delete may no longer be open: a read showed it closed, or its
 * ExpiryMinutes may have passed by this machine's clock (a slow sequence against a real service). What
 * the endpoint does with such a session (Status, whether Update works) is not judged.
 */
export function mayHaveClosed(session: TrackedSession, slackMs: number, now: number = Date.now()): boolean {
  return session.closed || (session.expiryMinutes !== undefined && now > session.createdAt + session.expiryMinutes * 60_000 - slackMs);
}

/** Sessions a Get, Update or Delete may target: deleted ones (they must answer NotFound) and surely open ones. */
export function targetableSessions(state: Readonly<LifecycleState>): TrackedSession[] {
  return state.sessions.filter((s) => s.deleted || !mayHaveClosed(s, state.expirySlackMs));
}

/** Sessions this run has surely open: created, not deleted, not possibly closed. */
export function openSessions(state: Readonly<LifecycleState>): TrackedSession[] {
  return state.sessions.filter((s) => !s.deleted && !mayHaveClosed(s, state.expirySlackMs));
}

/** The `target`-th of `sessions`, counting round (a step names a session by position; see LifecycleAction). */
export function pick(sessions: readonly TrackedSession[], target: number): TrackedSession | undefined {
  return sessions.length === 0 ? undefined : sessions[target % sessions.length];
}
