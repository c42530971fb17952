import type { AllocationPolicy, ProxyNumberAllocator } from './ProxyNumberAllocator.ts';

/** A voice connector's proxy configuration (PutVoiceConnectorProxy; the Proxy shape it answers). */
export interface ProxyConfiguration {
  DefaultSessionExpiryMinutes: number;
  PhoneNumberCountries: string[];
  FallBackPhoneNumber?: string;
  Disabled: boolean;
}

/** A voice connector as the emulator keeps it (CreateVoiceConnector; the VoiceConnector shape). */
export interface VoiceConnectorRecord {
  readonly id: string;
  readonly name: unknown;
  readonly region: string;
  readonly requireEncryption: unknown;
  readonly integrationType?: unknown;
  readonly networkType?: unknown;
  readonly created: Date;
  updated: Date;
  /** Absent until PutVoiceConnectorProxy; CreateProxySession needs it. */
  proxy?: ProxyConfiguration;
}

/**
 * One proxy session with everything GetProxySession answers. Input values are kept as received (after
 * validation), so a fault that lets a wrong type through is echoed rather than crashing the emulator.
 */
export interface SessionRecord {
  /** Store-wide creation order (monotonic): ListProxySessions lists and pages by it. */
  readonly sequence: number;
  readonly connectorId: string;
  /** The VoiceConnectorId the session reports: the path label it was created under. */
  readonly connectorLabel: string;
  readonly id: string;
  readonly name?: unknown;
  /** Absent only when a fault let a request without Capabilities through. */
  capabilities: unknown[] | undefined;
  expiryMinutes: unknown;
  readonly participants: readonly unknown[];
  readonly proxies: readonly string[];
  readonly numberSelectionBehavior?: unknown;
  readonly geoMatchLevel?: unknown;
  readonly geoMatchParams?: unknown;
  readonly created: Date;
  updated: Date;
  /** Set when the session expired (spec /lifecycle/expired); its proxy numbers are free from then on. */
  ended?: Date;
}

/** What a new session is made of; the store adds the sequence number and the proxy numbers. */
export type SessionDraft = Omit<SessionRecord, 'sequence' | 'proxies' | 'ended'>;

const MINUTE_MS = 60_000;

/**
 * The emulator's state: voice connectors, their proxy configurations and their sessions (open and
 * expired, until deleted), plus the proxy numbers participants hold. Every method is synchronous, so
 * concurrent requests see each other's changes whole.
 */
export class ConnectorStore {
  readonly #connectors = new Map<string, { record: VoiceConnectorRecord; sessions: Map<string, SessionRecord> }>();
  readonly #allocator: ProxyNumberAllocator;
  /** Sessions not yet ended, for the expiry sweep. */
  readonly #open = new Set<SessionRecord>();
  #sequence = 0;
  #lastDeletedId: string | undefined;

  constructor(allocator: ProxyNumberAllocator) {
    this.#allocator = allocator;
  }

  connector(id: string): VoiceConnectorRecord | undefined {
    return this.#connectors.get(id)?.record;
  }

  /** Ids of the connectors that exist, oldest first. */
  connectorIds(): string[] {
    return [...this.#connectors.keys()];
  }

  /** Adds a connector; an existing one with the same id is kept. */
  addConnector(record: VoiceConnectorRecord): void {
    if (!this.#connectors.has(record.id)) this.#connectors.set(record.id, { record, sessions: new Map() });
  }

  /** Removes a connector that has no session left. */
  removeConnector(id: string): 'removed' | 'missing' | 'has-sessions' {
    const entry = this.#connectors.get(id);
    if (!entry) return 'missing';
    if (entry.sessions.size > 0) return 'has-sessions';
    this.#connectors.delete(id);
    return 'removed';
  }

  /**
   * Opens a session with proxy numbers chosen per `policy`; undefined when no number is usable (the
   * caller answers 503). An existing session with the same id on the connector is replaced (the
   * constant-session-id and session-id-reused faults make that happen).
   */
  openSession(draft: SessionDraft, policy: AllocationPolicy): SessionRecord | undefined {
    const entry = this.#entry(draft.connectorId);
    const proxies = this.#allocator.allocate(draft.participants, policy);
    if (!proxies) return undefined;
    const replaced = entry.sessions.get(draft.id);
    if (replaced) this.#remove(entry.sessions, replaced);
    const record: SessionRecord = { ...draft, sequence: ++this.#sequence, proxies };
    entry.sessions.set(record.id, record);
    this.#open.add(record);
    return record;
  }

  session(connectorId: string, sessionId: string): SessionRecord | undefined {
    return this.#connectors.get(connectorId)?.sessions.get(sessionId);
  }

  /** The connector's sessions in creation order (Map insertion order: a replaced id is re-inserted). */
  sessions(connectorId: string): readonly SessionRecord[] {
    return [...(this.#connectors.get(connectorId)?.sessions.values() ?? [])];
  }

  /**
   * UpdateProxySession: sets what the update carries; UpdatedTimestamp becomes `at`, never earlier than
   * it was (spec invariant update-reflected). Expiry is the caller's next expire().
   */
  updateSession(record: SessionRecord, changes: Partial<Pick<SessionRecord, 'capabilities' | 'expiryMinutes'>>, at: Date): void {
    if (changes.capabilities !== undefined) record.capabilities = changes.capabilities;
    if (changes.expiryMinutes !== undefined) record.expiryMinutes = changes.expiryMinutes;
    record.updated = new Date(Math.max(at.getTime(), record.updated.getTime()));
  }

  /** DeleteProxySession: removes the session and frees its numbers; remembers its id (session-id-reused). */
  deleteSession(record: SessionRecord): void {
    const sessions = this.#connectors.get(record.connectorId)?.sessions;
    if (sessions?.get(record.id) !== record) return;
    this.#remove(sessions, record);
    this.#lastDeletedId = record.id;
  }

  /** Removes a session without a trace: as if it had never been stored (session-not-persisted). */
  forgetSession(record: SessionRecord): void {
    const sessions = this.#connectors.get(record.connectorId)?.sessions;
    if (sessions?.get(record.id) === record) this.#remove(sessions, record);
  }

  /** The id of the most recently deleted session, once (session-id-reused). */
  takeLastDeletedId(): string | undefined {
    const id = this.#lastDeletedId;
    this.#lastDeletedId = undefined;
    return id;
  }

  /**
   * Closes every open session whose deadline has passed (spec /lifecycle/expired) and frees its numbers.
   * The deadline is CreatedTimestamp + the session's current ExpiryMinutes: an UpdateProxySession that
   * changes ExpiryMinutes moves it relative to creation, not to the update. The session ends at its
   * deadline, or at its last update when that is later (an update that shortened the expiry into the
   * past closes the session there), so EndedTimestamp is never before UpdatedTimestamp.
   */
  expire(now: Date): void {
    for (const record of this.#open) {
      if (typeof record.expiryMinutes !== 'number' || !Number.isFinite(record.expiryMinutes)) continue;
      const deadline = record.created.getTime() + record.expiryMinutes * MINUTE_MS;
      if (deadline > now.getTime()) continue;
      record.ended = new Date(Math.max(deadline, record.updated.getTime()));
      this.#close(record);
    }
  }

  /** Sessions that exist (open or expired, not deleted) on all connectors. */
  get size(): number {
    let n = 0;
    for (const { sessions } of this.#connectors.values()) n += sessions.size;
    return n;
  }

  #entry(connectorId: string) {
    const entry = this.#connectors.get(connectorId);
    if (!entry) throw new Error(`voice connector ${connectorId} does not exist`);
    return entry;
  }

  #remove(sessions: Map<string, SessionRecord>, record: SessionRecord): void {
    sessions.delete(record.id);
    this.#close(record);
  }

  #close(record: SessionRecord): void {
    if (this.#open.delete(record)) this.#allocator.release(record.participants, record.proxies);
  }
}
