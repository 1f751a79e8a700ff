import DataLoader from 'dataloader';
import type { Principal, Scope, StaffPrincipal } from '../../platform/auth';
import { graphqlError } from '../../platform/errors';

/**
 * Who represents whom: the registry's list of minors a person is the legal representative of.
 * Every subgraph checks representations against it, so a resident can read their children's
 * data and nobody else's, whichever subgraph holds it.
 */
export interface GuardianshipPort {
  childIdsOf(personId: string, requestId?: string): Promise<string[]>;
}

/** Remembers guardianship across requests for a short time; it changes by court order, not by the minute. */
export class GuardianshipCache implements GuardianshipPort {
  private readonly entries = new Map<string, { childIds: Promise<string[]>; expiresAt: number }>();

  constructor(
    private readonly source: GuardianshipPort,
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 100_000,
  ) {}

  childIdsOf(personId: string, requestId?: string): Promise<string[]> {
    const now = Date.now();
    const hit = this.entries.get(personId);
    if (hit && hit.expiresAt > now) return hit.childIds;
    const childIds = this.source.childIdsOf(personId, requestId);
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(personId, { childIds, expiresAt: now + this.ttlMs });
    // A failed look-up is not remembered: the next request asks again.
    childIds.catch(() => this.entries.delete(personId));
    return childIds;
  }
}

/**
 * The per-request view of what the principal may see. Checks are batched like data: every
 * `assertMayRead` in one tick is answered together, so the references the gateway sends in one
 * `_entities` call are released together and their legacy loads fall into one batch.
 *
 * - a resident reads themselves and the minors they represent;
 * - staff read any named resident, but only in a subgraph one of their scopes opens
 *   (`staffReadScopes`: the subgraph's own, `health` → `health:read`);
 * - anonymous callers read no one.
 */
export class AccessPolicy {
  private readonly mayRead: DataLoader<string, boolean>;

  constructor(
    readonly principal: Principal,
    guardianship: GuardianshipPort,
    requestId: string,
    /** Any one of these lets staff read a record here; none means staff read nothing here. */
    private readonly staffReadScopes: ReadonlyArray<Scope> = [],
  ) {
    this.mayRead = new DataLoader(async (personIds) => {
      const self = this.residentId();
      if (personIds.every((id) => id === self)) return personIds.map(() => true);
      const represented = new Set(await guardianship.childIdsOf(self, requestId));
      return personIds.map((id) => id === self || represented.has(id));
    });
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
  return graphqlError('FORBIDDEN', 'The token\'s scopes do not cover this data.');
}
