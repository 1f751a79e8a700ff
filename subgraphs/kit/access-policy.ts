import DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';
import type { Principal, Scope, StaffPrincipal } from '../../platform/auth';
import { purgeStaleEvery } from '../../platform/cache';
import { graphqlError } from '../../platform/errors';
import { type Clock, isMinorOn, moscowDate, systemClock } from '../../platform/time';

/** A minor on the registry's list of those a person represents, with what decides until when. */
export interface Ward {
  id: string;
  /** `YYYY-MM-DD`: representation ends on the 18th birthday. */
  birthDate: string;
}

/**
 * Who represents whom: the registry's list of minors a person is the legal representative of.
 * Every subgraph checks representations against it, so a resident can read their children's
 * data and nobody else's, whichever subgraph holds it.
 */
export interface GuardianshipPort {
  wardsOf(personId: string): Promise<Ward[]>;
}

/**
 * Remembers guardianship across requests for a short time; it changes by court order, not by the
 * minute. What it remembers is the list with birth dates, not a verdict: the age is judged anew on
 * every request, so a cached entry never carries a child past their 18th birthday.
 *
 * Entries live `ttlMs` from when they were asked and are dropped within seconds after
 * (`purgeStaleEvery`), so it holds what one minute of traffic asked (at most `maxEntries`, the
 * least recently used going first), not everyone since the start.
 */
export class GuardianshipCache implements GuardianshipPort {
  /** Person → the look-up of their wards (in flight or done), least recently used out first. */
  private readonly entries: LRUCache<string, Promise<Ward[]>>;

  constructor(
    private readonly source: GuardianshipPort,
    ttlMs = 60_000,
    maxEntries = 20_000,
  ) {
    this.entries = purgeStaleEvery(new LRUCache<string, Promise<Ward[]>>({ max: maxEntries, ttl: ttlMs, ttlResolution: 0, perf: { now: () => Date.now() } }));
  }

  /** Entries held now. */
  get size(): number {
    return this.entries.size;
  }

  wardsOf(personId: string): Promise<Ward[]> {
    const hit = this.entries.get(personId);
    if (hit) return hit;
    const wards = this.source.wardsOf(personId);
    this.entries.set(personId, wards);
    // A failed look-up is not remembered: the next request asks again.
    wards.catch(() => {
      if (this.entries.peek(personId) === wards) this.entries.delete(personId);
    });
    return wards;
  }
}

/**
 * The per-request view of what the principal may see. Checks are batched like data: every
 * `assertMayRead` in one tick is answered together, so the references the gateway sends in one
 * `_entities` call are released together and their legacy loads fall into one batch.
 *
 * - a resident reads themselves and the minors they represent: a child the registry lists, until
 *   the child's 18th birthday (Moscow date, on `clock`), whatever the registry or a cache says;
 * - staff read any named resident, but only in a subgraph one of their scopes opens
 *   (`staffReadScopes`: the subgraph's own, `health` → `health:read`);
 * - anonymous callers read no one.
 */
export class AccessPolicy {
  private readonly mayRead: DataLoader<string, boolean>;

  constructor(
    readonly principal: Principal,
    guardianship: GuardianshipPort,
    /** Any one of these lets staff read a record here; none means staff read nothing here. */
    private readonly staffReadScopes: ReadonlyArray<Scope> = [],
    /** Where "today" comes from for the age of majority; the simulators' clock in the embedded system. */
    private readonly clock: Clock = systemClock,
  ) {
    this.mayRead = new DataLoader(async (personIds) => {
      const self = this.residentId();
      if (personIds.every((id) => id === self)) return personIds.map(() => true);
      const wards = await guardianship.wardsOf(self);
      const represented = new Set(wards.filter((ward) => this.stillRepresented(ward)).map((ward) => ward.id));
      return personIds.map((id) => id === self || represented.has(id));
    });
  }

  /**
   * Whether a child on a representative's list is still represented today: until the 18th
   * birthday, by the Moscow calendar. The one place the graph decides it; the residents subgraph
   * lists `children` by it too.
   */
  stillRepresented(ward: Pick<Ward, 'birthDate'>): boolean {
    return isMinorOn(ward.birthDate, moscowDate(this.clock.now()));
  }

  /**
   * The signed-in resident's id: root fields and mutations act on it. UNAUTHENTICATED without a
   * sign-in; FORBIDDEN for staff, who have no record of their own here and read a named
   * resident through `resident(id:)`.
   */
  residentId(): string {
    if (this.principal.kind === 'resident') return this.principal.personId;
    if (this.principal.kind === 'staff') throw graphqlError('FORBIDDEN', 'Staff read a named resident; this field acts on the signed-in resident.');
    throw graphqlError('UNAUTHENTICATED', 'Sign in to see personal data.');
  }

  /** Passes when the principal may read every one of these persons here; otherwise FORBIDDEN, before any legacy call. */
  async assertMayRead(personIds: ReadonlyArray<string>): Promise<void> {
    if (this.principal.kind === 'staff') {
      if (!this.staffReadScopes.some((scope) => this.hasScope(scope))) throw forbiddenScope();
      return;
    }
    this.residentId();
    const verdicts = await this.mayRead.loadMany(personIds);
    for (const verdict of verdicts) {
      if (verdict instanceof Error) throw verdict;
      if (!verdict) throw graphqlError('FORBIDDEN', 'This record belongs to someone the caller does not represent.');
    }
  }

  /** Passes only for the resident's own record: changes are not made on a child's behalf here, nor by staff. */
  assertMayChange(personId: string): void {
    if (personId !== this.residentId()) throw graphqlError('FORBIDDEN', 'Only the person themselves may change this record.');
  }

  /** The staff principal, when the caller is staff. */
  staff(): StaffPrincipal | undefined {
    return this.principal.kind === 'staff' ? this.principal : undefined;
  }

  hasScope(scope: Scope): boolean {
    return this.principal.kind === 'staff' && this.principal.scopes.includes(scope);
  }

  /** Passes only for staff holding `scope`: UNAUTHENTICATED without a sign-in, FORBIDDEN for anyone else. */
  requireScope(scope: Scope): StaffPrincipal {
    if (this.principal.kind === 'anonymous') throw graphqlError('UNAUTHENTICATED', 'Sign in to see this data.');
    if (this.principal.kind !== 'staff' || !this.hasScope(scope)) throw forbiddenScope();
    return this.principal;
  }

  /** Passes for staff holding `scope`; FORBIDDEN for other staff. Residents and anonymous callers are not judged here. */
  assertStaffScope(scope: Scope): void {
    if (this.principal.kind === 'staff' && !this.hasScope(scope)) throw forbiddenScope();
  }
}

function forbiddenScope() {
  return graphqlError('FORBIDDEN', "The token's scopes do not cover this data.");
}
