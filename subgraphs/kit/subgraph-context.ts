import type { AuditTrail } from '../../platform/audit';
import type { KeySeal, Principal } from '../../platform/auth';
import type { Logger } from '../../platform/logging';
import type { AccessPolicy } from './access-policy';
import type { RefusedReads } from './refused-reads';

/**
 * What every subgraph's resolvers receive. Each subgraph extends it with its per-request
 * DataLoaders; nothing here is shared between requests.
 */
export interface SubgraphContext {
  principal: Principal;
  access: AccessPolicy;
  /**
   * The request id the gateway assigned, for the audit trail and the logs. Legacy calls take it
   * from the request scope (`platform/request-scope`), which the kit fills from this context:
   * adapters are never handed it.
   */
  requestId: string;
  /**
   * Epoch ms by which the answer must be ready. The kit puts it into the request scope, and every
   * legacy call of the request ends by it from there: adapters are never handed it.
   */
  deadline: number;
  logger: Logger;
  /** The audit trail, for the fields that show it (who looked at a record). */
  audit: AuditTrail;
  /** Seals and opens the registry's keys into the legacy systems (`sealed-keys.ts`). */
  keySeal: KeySeal;
  /** Reads refused in this request, written to the audit trail with the answer. */
  refusedReads: RefusedReads;
}
