import type { CheckFailure } from '../types.ts';

/** A failure before it is placed in a sequence (the runner adds the step). */
export type Finding = Omit<CheckFailure, 'step'>;

/** A participant of a session: their own number and the proxy number that masks it. */
export interface ParticipantNumbers {
  phone: string;
  proxy: string;
}

/**
 * What this run knows about one session it created: the lifecycle suite's model. Values are the ones the
 * endpoint answered at create (participants, proxy numbers), then as this run changed them (updates).
 */
export interface TrackedSession {
  id: string;
  voiceConnectorId: string;
  /** The numbers the create asked for. */
  requested: string[];
  /** The participants as the create answered them. */
  participants: ParticipantNumbers[];
  /** Capabilities as last written: the create's answer (else its request), then each update's request. */
  capabilities: string[];
  /** ExpiryMinutes as the endpoint last answered or this run last wrote it, when known (when the session may have closed). */
  expiryMinutes?: number;
  /** ExpiryMinutes the last update set, when it set one (update-reflected judges it). */
  updatedExpiryMinutes?: number;
  /** The latest UpdatedTimestamp any answer carried. */
  updatedTimestamp?: string;
  /** An update succeeded: Capabilities and ExpiryMinutes are update-reflected's to judge from now on. */
  updated: boolean;
  /** DeleteProxySession answered its success code. */
  deleted: boolean;
  /** A read showed a status other than the open one (e.g. the session expired): it no longer has to be listed as open. */
  closed: boolean;
  /** Epoch ms (this machine's clock) when the create was sent: a session past its ExpiryMinutes may have closed. */
  createdAt: number;
}
