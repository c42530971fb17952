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
  /**
   * NumberSelectionBehavior (spec invariant sticky-numbers, advisory): `prefer` gives a pair of
   * participants the numbers it was last given when they are free again; `avoid` prefers others.
   * Absent: plain round-robin.
   */
  sticky?: 'prefer' | 'avoid';
  /**
   * GeoMatchLevel/GeoMatchParams (spec invariant geo-match, advisory): prefer the numbers whose
   * participantKey starts with this (a calling code, or a NANP calling code and area code), if any.
   */
  prefers?: string;
}

/**
 * How many participant pairs the sticky memory keeps (the oldest is forgotten first): enough for any run,
 * small enough that a long-lived emulator does not grow without bound.
 */
const STICKY_MEMORY = 10_000;

/** How many geo prefixes keep their index of pool positions (the oldest is forgotten first). */
const PREFIX_MEMORY = 1_024;

/**
 * Hands out proxy numbers from the pool and knows which participant holds which number in open sessions.
 * Synchronous, so two requests served concurrently can never be handed the same number against the rules.
 * Preferences (sticky, geo) are only ever preferences: when none of the preferred numbers is usable, any
 * usable number is taken; the rules (proxy-number-masks, distinct-proxy-numbers) are never relaxed.
 */
export class ProxyNumberAllocator {
  readonly #pool: readonly string[];
  /** participantKey of each pool number, by position. */
  readonly #keys: readonly string[];
  /**
   * Geo prefix → the pool positions whose number starts with it, ascending: a preference no number (or
   * few) satisfies is then searched among those few, not across the whole pool, which took tens of
   * milliseconds per session on an 80,000-number pool and held every other request up meanwhile.
   */
  readonly #byPrefix = new Map<string, readonly number[]>();
  /** Participant (participantKey) → proxy numbers it holds in open sessions. */
  readonly #held = new Map<string, Set<string>>();
  /** Unordered participant pair → the proxy number each of them was last given (per participantKey). */
  readonly #lastGiven = new Map<string, Map<string, string>>();
  /** Where the next search of the pool starts, so numbers are handed out round-robin. */
  #cursor = 0;

  constructor(pool: readonly string[]) {
    this.#pool = pool;
    this.#keys = pool.map(participantKey);
  }

  /**
   * Reserves one ProxyPhoneNumber per participant number, in the order given, or answers undefined when
   * the pool has no number left that satisfies the rules (the caller answers 503). A proxy number never
   * equals any participant's own number of the session (spec invariant proxy-number-masks); per `policy`,
   * it is new for that participant among its open sessions; without `sameForAll`, the participants of one
   * session get different numbers.
   */
  allocate(numbers: readonly unknown[], policy: AllocationPolicy): string[] | undefined {
    const keys = numbers.map(participantKey);
    const own = new Set(keys);
    const pair = pairOf(keys);
    const last = this.#lastGiven.get(pair);
    const pool = this.#pool;
    const free = (n: string, key: string, holders: readonly string[], taken: readonly string[]) =>
      !own.has(key) && (!policy.distinctPerParticipant || holders.every((k) => !this.#holdings(k).has(n))) && !taken.includes(n);
    const pick = (holders: readonly string[], taken: readonly string[]): string | undefined => {
      const usable = (i: number) => free(pool[i]!, this.#keys[i]!, holders, taken);
      const previous = last?.get(holders[0]!);
      if (policy.sticky === 'prefer' && previous !== undefined && free(previous, participantKey(previous), holders, taken)) return previous;
      // Without per-participant distinctness (reuse-proxy-number) the search starts at a position fixed by
      // the participant, so it keeps getting the same number: what a server without bookkeeping does.
      const stickyFor = policy.distinctPerParticipant ? undefined : holders[0];
      for (const tier of preferenceTiers(policy, last)) {
        const among = tier.geo === undefined ? undefined : this.#withPrefix(tier.geo);
        const found = this.#find((i) => usable(i) && (tier.avoid === undefined || !tier.avoid.has(pool[i]!)), stickyFor, among);
        if (found !== undefined) return found;
      }
      return undefined;
    };
    let proxies: string[];
    if (policy.sameForAll) {
      const shared = pick(keys, []);
      if (shared === undefined) return undefined;
      proxies = keys.map(() => shared);
    } else {
      proxies = [];
      for (const key of keys) {
        const proxy = pick([key], proxies);
        if (proxy === undefined) return undefined;
        proxies.push(proxy);
      }
    }
    keys.forEach((key, i) => this.#holdings(key, true).add(proxies[i]!));
    this.#remember(pair, keys, proxies);
    return proxies;
  }

  /** Frees the numbers `allocate` gave these participants (same order). */
  release(numbers: readonly unknown[], proxies: readonly string[]): void {
    numbers.map(participantKey).forEach((key, i) => {
      const held = this.#held.get(key);
      held?.delete(proxies[i]!);
      if (held?.size === 0) this.#held.delete(key);
    });
  }

  #remember(pair: string, keys: readonly string[], proxies: readonly string[]): void {
    this.#lastGiven.delete(pair);
    this.#lastGiven.set(pair, new Map(keys.map((k, i) => [k, proxies[i]!])));
    if (this.#lastGiven.size > STICKY_MEMORY) this.#lastGiven.delete(this.#lastGiven.keys().next().value!);
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
   * The first usable pool number from the round-robin cursor, or, with `stickyFor` (a participant key),
   * from a position fixed by that participant (the cursor then stays where it is). With `among` (pool
   * positions, ascending), only those are looked at, in the same cyclic order from the same start.
   */
  #find(usable: (i: number) => boolean, stickyFor?: string, among?: readonly number[]): string | undefined {
    const size = this.#pool.length;
    const start = stickyFor === undefined ? this.#cursor : hash(stickyFor) % size;
    const index = among ? firstAmong(among, start, usable) : firstFrom(size, start, usable);
    if (index === undefined) return undefined;
    if (stickyFor === undefined) this.#cursor = (index + 1) % size;
    return this.#pool[index];
  }

  #withPrefix(prefix: string): readonly number[] {
    let positions = this.#byPrefix.get(prefix);
    if (!positions) {
      const found: number[] = [];
      for (let i = 0; i < this.#keys.length; i++) if (this.#keys[i]!.startsWith(prefix)) found.push(i);
      this.#byPrefix.set(prefix, (positions = found));
      if (this.#byPrefix.size > PREFIX_MEMORY) this.#byPrefix.delete(this.#byPrefix.keys().next().value!);
    }
    return positions;
  }
}

/** The first position from `start` on, cyclically over `size`, that is usable. */
function firstFrom(size: number, start: number, usable: (i: number) => boolean): number | undefined {
  for (let step = 0; step < size; step++) {
    const index = (start + step) % size;
    if (usable(index)) return index;
  }
  return undefined;
}

/** The first of `among` (ascending) at or after `start`, then from the beginning, that is usable. */
function firstAmong(among: readonly number[], start: number, usable: (i: number) => boolean): number | undefined {
  let lo = 0;
  let hi = among.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (among[mid]! < start) lo = mid + 1;
    else hi = mid;
  }
  for (let step = 0; step < among.length; step++) {
    const index = among[(lo + step) % among.length]!;
    if (usable(index)) return index;
  }
  return undefined;
}

/**
 * The searches to try in turn, most preferred first, ending with "any usable number": geo and
 * avoid-sticky together, then geo alone, then avoid-sticky alone (geo is the stronger wish: the caller
 * named a place), then anything.
 */
function preferenceTiers(policy: AllocationPolicy, last: ReadonlyMap<string, string> | undefined): Tier[] {
  const avoid = policy.sticky === 'avoid' && last ? new Set(last.values()) : undefined;
  const geo = policy.prefers;
  const tiers: Tier[] = [];
  if (geo !== undefined && avoid) tiers.push({ geo, avoid });
  if (geo !== undefined) tiers.push({ geo });
  if (avoid) tiers.push({ avoid });
  tiers.push({});
  return tiers;
}

/** One search: numbers with the geo prefix (if given) that are not among those to avoid (if given). */
interface Tier {
  geo?: string;
  avoid?: ReadonlySet<string>;
}

/** The same key for a pair in either order. */
function pairOf(keys: readonly string[]): string {
  return [...keys].sort().join(',');
}

function hash(text: string): number {
  let h = 0;
  for (const c of text) h = (Math.imul(h, 31) + c.codePointAt(0)!) >>> 0;
  return h;
}
