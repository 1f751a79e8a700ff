/**
 * Who is asking. The gateway works it out from the caller's token and hands it to the subgraphs
 * inside a signed internal credential; subgraphs decide what it may see.
 */
export type Principal = ResidentPrincipal | StaffPrincipal | AnonymousPrincipal;

/** A resident signed in through the city's sign-on; `personId` is the token's `sub`. */
export interface ResidentPrincipal {
  kind: 'resident';
  personId: string;
}

/**
 * A department's staff member or a partner service: reads a named resident's data, only in the
 * departments its scopes name, for a stated purpose that goes into the audit trail with every read.
 */
export interface StaffPrincipal {
  kind: 'staff';
  /** The token's `sub`: the staff member's or the partner service's id at the sign-on. */
  subject: string;
  /** The graph's scopes the token carries; anything else it carried is dropped. */
  scopes: ReadonlyArray<Scope>;
  /** Why the records are read (a case number, "appointment 2026-11-21"); required. */
  purpose: string;
}

/** No token: reference data only. */
export interface AnonymousPrincipal {
  kind: 'anonymous';
}

export const ANONYMOUS: AnonymousPrincipal = { kind: 'anonymous' };

/**
 * The scopes the graph knows. A department's `:read` scope opens that department's fields of a
 * named resident; `residents:read` opens the registry's identity fields (name, SNILS, address,
 * children); `audit:read` opens the audit trail. There are no staff write scopes: every mutation
 * acts on the signed-in resident's own data, so a write scope would guard nothing.
 */
export const SCOPES = ['residents:read', 'health:read', 'school:read', 'housing:read', 'parking:read', 'audit:read', 'payments:read'] as const;
export type Scope = (typeof SCOPES)[number];

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (SCOPES as ReadonlyArray<string>).includes(value);
}

/** A staff subject or a resident's id as it may appear in tokens, credentials and the audit trail. */
export const STAFF_SUBJECT = /^[A-Za-z0-9][A-Za-z0-9:._@-]{0,127}$/;
export const PERSON_ID = /^[1-9]\d{0,9}$/;
/** Longest purpose kept; a purpose is a reason, not a document. */
export const MAX_PURPOSE_LENGTH = 200;

/** The staff principal's read scope for a subgraph named after its department (`health` → `health:read`). */
export function readScopeOf(subgraph: string): Scope | undefined {
  const scope = `${subgraph}:read`;
  return isScope(scope) ? scope : undefined;
}

/** A short stable label of the principal for logs, rate limits and caches; never personal data beyond an id. */
export function principalKey(principal: Principal): string {
  switch (principal.kind) {
    case 'resident':
      return `resident:${principal.personId}`;
    case 'staff':
      return `staff:${principal.subject}`;
    case 'anonymous':
      return 'anonymous';
  }
}
