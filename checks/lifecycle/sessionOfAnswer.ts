import { normalizeNumber, participantsOf } from '../_invariant.ts';
import type { Exchange } from '../types.ts';
import type { ParticipantNumbers } from './types.ts';

/** The ProxySession object of a 2xx answer (Create, Get, Update), or undefined. */
export function sessionOfAnswer(exchange: Exchange): Record<string, unknown> | undefined {
  const r = exchange.response;
  if (!r || r.status < 200 || r.status > 299) return undefined;
  const session = (r.json as { ProxySession?: unknown } | undefined)?.ProxySession;
  return session && typeof session === 'object' && !Array.isArray(session) ? (session as Record<string, unknown>) : undefined;
}

/** A session's participants (phone and proxy number), malformed entries dropped. */
export function participantNumbers(session: Record<string, unknown>): ParticipantNumbers[] {
  return participantsOf(session);
}

/** Participants as comparable text, `phone→proxy` equal up to a leading '+', sorted. */
export function participantKeys(participants: readonly ParticipantNumbers[]): string[] {
  return participants.map((p) => `${normalizeNumber(p.phone)}→${normalizeNumber(p.proxy)}`).sort();
}

/** Whether two lists hold the same strings, ignoring order and repeats (Capabilities compare as sets). */
export function sameSet(a: readonly unknown[], b: readonly unknown[]): boolean {
  const x = new Set(a.map(String));
  const y = new Set(b.map(String));
  return x.size === y.size && [...x].every((v) => y.has(v));
}
