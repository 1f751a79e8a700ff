import type { AuditPolicy } from '../kit';

/**
 * Which reads of the payments subgraph go to the audit trail: every staff read of a resident, with
 * the fields read and the stated purpose, as in every subgraph. A resident's own reads are not
 * recorded; set `everyRead` when every read of the department's data must be (the health subgraph
 * records every read of medical data, and subgraphs/health/medical-data.ts says why).
 */
export const paymentsAuditPolicy: AuditPolicy = { everyRead: false };
