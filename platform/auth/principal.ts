/**
 * Who is asking. The gateway works it out from the caller's token and hands it to the subgraphs
 * inside a signed internal credential; subgraphs decide what it may see.
 */
export type Principal = ResidentPrincipal | AnonymousPrincipal;

/** A resident signed in through the city's sign-on; `personId` is the token's `sub`. */
export interface ResidentPrincipal {
  kind: 'resident';
  personId: string;
}

/** No token: reference data only. */
export interface AnonymousPrincipal {
  kind: 'anonymous';
}

export const ANONYMOUS: AnonymousPrincipal = { kind: 'anonymous' };
