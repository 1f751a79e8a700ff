import DataLoader from 'dataloader';
import type { Principal } from '../../platform/auth';
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
 */
export class AccessPolicy {
  private readonly mayRead: DataLoader<string, boolean>;

  constructor(
    readonly principal: Principal,
    guardianship: GuardianshipPort,
    requestId: string,
  ) {
    this.mayRead = new DataLoader(async (personIds) => {
      const self = this.residentId();
      if (personIds.every((id) => id === self)) return personIds.map(() => true);
      const represented = new Set(await guardianship.childIdsOf(self, requestId));
      return personIds.map((id) => id === self || represented.has(id));
    });
  }

  /** The signed-in resident's id, or UNAUTHENTICATED. */
  residentId(): string {
    if (this.principal.kind !== 'resident') throw graphqlError('UNAUTHENTICATED', 'Sign in to see personal data.');
    return this.principal.personId;
  }

  /** Passes when every id is the resident or a minor they represent; otherwise FORBIDDEN, before any legacy call. */
  async assertMayRead(personIds: ReadonlyArray<string>): Promise<void> {
    this.residentId();
    const verdicts = await this.mayRead.loadMany(personIds);
    for (const verdict of verdicts) {
      if (verdict instanceof Error) throw verdict;
      if (!verdict) throw graphqlError('FORBIDDEN', 'This record belongs to someone the caller does not represent.');
    }
  }

  /** Passes only for the resident's own record: changes are not made on a child's behalf here. */
  assertMayChange(personId: string): void {
    if (personId !== this.residentId()) throw graphqlError('FORBIDDEN', 'Only the person themselves may change this record.');
  }
}
