import type { Principal, Scope } from '../../platform/auth';

/**
 * Whom a contract variant is served to at `/graphql` (the `callers` field of
 * `schema/contracts/<name>.json`):
 * - `principals`: the kinds of caller it is for — `resident`, `anonymous`, `staff`;
 * - `scopes`: for staff, the scopes any one of which claims the caller; empty, any staff token.
 * A caller the variants' `callers` claim exactly once is served that variant at `/graphql`. A
 * caller no variant claims, or more than one does (a partner service holding two departments'
 * scopes), is served the whole graph there, as before variants existed: a variant narrows what a
 * caller is shown, while what a caller may read is decided by the subgraphs for every field
 * whichever schema served it. Every variant is also served to anyone at `/contracts/<name>/graphql`.
 */
export interface ContractCallers {
  principals: ReadonlyArray<Principal['kind']>;
  scopes: ReadonlyArray<Scope>;
}

/** Whether `callers` claims `principal`. */
export function claims(callers: ContractCallers, principal: Principal): boolean {
  if (!callers.principals.includes(principal.kind)) return false;
  if (principal.kind !== 'staff' || callers.scopes.length === 0) return true;
  return callers.scopes.some((scope) => principal.scopes.includes(scope));
}

/** The one variant whose callers claim `principal`, or undefined (none, or several: the whole graph). */
export function variantForCaller<T extends { callers?: ContractCallers }>(principal: Principal, variants: ReadonlyArray<T>): T | undefined {
  const claiming = variants.filter((variant) => variant.callers && claims(variant.callers, principal));
  return claiming.length === 1 ? claiming[0] : undefined;
}
