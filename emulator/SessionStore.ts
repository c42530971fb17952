import { participantKey } from './participantKey.ts';

/** How proxy numbers are chosen for one new session. */
export interface AllocationPolicy {
  /** One ProxyPhoneNumber shared by every participant of the session (the AWS CLI example does this). */
  sameForAll: boolean;
  /**
   * Spec invariant distinct-proxy-numbers: a participant in several open sessions gets a different proxy
   * number in each. Only the reuse-proxy-number fault turns it off.
   */
  distinctPerParticipant: boolean;
}

interface OpenSession {
  keys: string[];
  proxies: string[];
}

/**
 * The emulator's state: which voice connectors exist, their open sessions, and which proxy numbers each
 * participant holds across all open sessions on any connector. Every method is synchronous, so two
 * requests served concurrently can never be handed the same number in violation of the rules.
 */
export class SessionStore {
  readonly #sessions = new Map<string, Map<string, OpenSession>>();
  /** Participant (participantKey) → proxy numbers it holds in open sessions. */
  readonly #held = new Map<string, Set<string>>();
  readonly #pool: readonly string[];
  /** Where the next search of the pool starts, so numbers are handed out round-robin. */
  #cursor = 0;

  constructor(connectorIds: Iterable<string>, pool: readonly string[]) {
    for (const id of connectorIds) this.addConnector(id);
    this.#pool = pool;
  }

  hasConnector(connectorId: string): boolean {
    return this.#sessions.has(connectorId);
  }

  addConnector(connectorId: string): void {
    if (!this.#sessions.has(connectorId)) this.#sessions.set(connectorId, new Map());
  }

  /** Open sessions on all connectors. */
  get size(): number {
    let n = 0;
    for (const sessions of this.#sessions.values()) n += sessions.size;
    return n;
  }

  /**
   * Opens a session and returns one ProxyPhoneNumber per participant number, in the order given, or
   * undefined when the pool has no number left that satisfies the rules (the caller answers 503).
   * Rules: a proxy number never equals any participant's own number of the session (spec invariant
   * proxy-number-masks); per `policy`, it is new for that participant among its open sessions; without
   * `sameForAll`, the participants of one session get different numbers. An existing session with the
   * same id on the connector is replaced.
   */
  open(connectorId: string, sessionId: string, numbers: readonly unknown[], policy: AllocationPolicy): string[] | undefined {
    const sessions = this.#sessions.get(connectorId);
    if (!sessions) throw new Error(`voice connector ${connectorId} does not exist`);
    const keys = numbers.map(participantKey);
    const own = new Set(keys);
    const usable = (n: string, holders: readonly string[]) =>
      !own.has(participantKey(n)) && (!policy.distinctPerParticipant || holders.every((k) => !this.#holdings(k).has(n)));
    let proxies: string[];
    if (policy.sameForAll) {
      const shared = this.#find((n) => usable(n, keys), policy.distinctPerParticipant ? undefined : keys[0]);
      if (shared === undefined) return undefined;
      proxies = keys.map(() => shared);
    } else {
      proxies = [];
      for (const key of keys) {
        const proxy = this.#find((n) => usable(n, [key]) && !proxies.includes(n), policy.distinctPerParticipant ? undefined : key);
        if (proxy === undefined) return undefined;
        proxies.push(proxy);
      }
    }
    const replaced = sessions.get(sessionId);
    if (replaced) this.#release(replaced);
    sessions.set(sessionId, { keys, proxies });
    keys.forEach((key, i) => this.#holdings(key, true).add(proxies[i]!));
    return proxies;
  }

  /** Ends an open session and frees its numbers; false when there is no such session. */
  close(connectorId: string, sessionId: string): boolean {
    const sessions = this.#sessions.get(connectorId);
    const session = sessions?.get(sessionId);
    if (!sessions || !session) return false;
    sessions.delete(sessionId);
    this.#release(session);
    return true;
  }

  #release(session: OpenSession): void {
    session.keys.forEach((key, i) => {
      const held = this.#held.get(key);
      held?.delete(session.proxies[i]!);
      if (held?.size === 0) this.#held.delete(key);
    });
  }

  #holdings(key: string, create = false): Set<string> {
    let held = this.#held.get(key);
    if (!held) {
      held = new Set();
      if (create) this.#held.set(key, held);
    }
    return held;
  }

  /**
   * The first usable pool number from the round-robin cursor. With `stickyFor` (a participant key) the
   * search starts at a position fixed by that participant instead, so it keeps getting the same number:
   * what a server without per-participant bookkeeping does.
   */
  #find(usable: (n: string) => boolean, stickyFor?: string): string | undefined {
    const size = this.#pool.length;
    const start = stickyFor === undefined ? this.#cursor : hash(stickyFor) % size;
    for (let step = 0; step < size; step++) {
      const index = (start + step) % size;
      const n = this.#pool[index]!;
      if (!usable(n)) continue;
      if (stickyFor === undefined) this.#cursor = (index + 1) % size;
      return n;
    }
    return undefined;
  }
}

function hash(text: string): number {
  let h = 0;
  for (const c of text) h = (Math.imul(h, 31) + c.codePointAt(0)!) >>> 0;
  return h;
}
