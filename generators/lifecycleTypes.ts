import type fc from 'fast-check';
import type { Violation } from './types.ts';

/**
 * One step of a lifecycle sequence, as data. Sessions are named by their position among the sessions the
 * sequence has created so far (`target`, taken modulo their number when the step runs), because their ids
 * exist only once the endpoint has answered. Participants are positions in the sequence's number pool.
 */
export type LifecycleAction =
  /** CreateProxySession: a valid body whose participants are pool[pair[0]] and pool[pair[1]]. */
  | { kind: 'create'; pair: [number, number]; body: Record<string, unknown> }
  | { kind: 'get'; target: number }
  /** ListProxySessions, every page: `pageSize` (MaxResults) when set, the open status filter when `openOnly`. */
  | { kind: 'list'; pageSize?: number; openOnly: boolean }
  | { kind: 'update'; target: number; body: Record<string, unknown> }
  | { kind: 'delete'; target: number }
  /** Get, Update or Delete of an id no session has (spec /oracle/unknownProxySession). */
  | { kind: 'unknown-session'; operation: 'get' | 'update' | 'delete'; id: string; body: Record<string, unknown> }
  /**
   * UpdateProxySession of an open session with a body that breaks exactly one constraint trait of the
   * operation's input (one of rejectFamilies(UpdateProxySession)'s cases; spec /oracle/constraintViolation).
   */
  | { kind: 'update-invalid'; target: number; violation: Violation; body: unknown }
  /**
   * ListProxySessions with one query parameter that breaks its member's constraint trait: the page size
   * outside its @range, the status outside its enum (spec /oracle/constraintViolation).
   */
  | { kind: 'list-invalid-query'; member: string; queryName: string; value: string; constraint: 'range' | 'enum'; how: string };

/** A whole lifecycle sequence: a small pool of fictional numbers (so pairs and participants repeat) and the steps. */
export interface LifecycleSequence {
  pool: string[];
  actions: LifecycleAction[];
}

/** What a lifecycle scenario sends (the expiry and advisory probes): a pair of numbers and create bodies. */
export interface LifecycleScenario {
  participants: [string, string];
  /** Create bodies without the participants member, one per session the scenario opens. */
  bodies: Record<string, unknown>[];
}

/**
 * A named generator of the lifecycle suite: `sequence` (model-based command sequences) or `scenario` (a
 * fixed probe: expiry, sticky numbers, geo match, default expiry, paging). Replays as `--family ID --seed S --path P`.
 */
export type LifecycleFamily =
  | { id: string; title: string; kind: 'sequence'; arbitrary: fc.Arbitrary<LifecycleSequence> }
  | { id: string; title: string; kind: 'scenario'; scenario: 'expiry' | 'sticky-numbers' | 'geo-match' | 'default-expiry' | 'paging'; arbitrary: fc.Arbitrary<LifecycleScenario> };
