export { AUDIT_MIGRATIONS, type AuditEvent, type AuditOutcome, type AuditQuery, type AuditTrail, SqlAuditTrail, type StoredAuditEvent } from './audit-trail';
export { type AuditStoreOptions, openAuditTrail } from './open-audit-trail';
