export { AUDIT_MIGRATIONS, SqlAuditTrail, type AuditEvent, type AuditOutcome, type AuditQuery, type AuditTrail, type StoredAuditEvent } from './audit-trail';
export { openAuditTrail, type AuditStoreOptions } from './open-audit-trail';
