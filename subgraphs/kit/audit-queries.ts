import type { AuditQuery, AuditTrail, StoredAuditEvent } from '../../platform/audit';
import { graphqlError } from '../../platform/errors';
import { moscowIso } from '../../platform/time';

/** A page of the audit trail as the graph asks for it. */
export interface AuditPageArgs {
  first?: number | null;
  /** The previous page's last event id. */
  after?: string | null;
  /** Checked by the DateTime scalar already. */
  from?: string | null;
  to?: string | null;
}

/** The audit trail's hard page size. */
export const MAX_AUDIT_PAGE = 100;

/** An audit event as the graph shows it. */
export interface AuditEventView {
  id: string;
  occurredAt: string;
  actorKind: 'RESIDENT' | 'STAFF';
  actorId: string;
  purpose: string | null;
  subjectId: string;
  subgraph: string;
  fields: string[];
  requestId: string;
  outcome: 'SERVED' | 'REFUSED';
}

const badInput = (field: string, message: string) => graphqlError('BAD_USER_INPUT', message, { field });

/** Event ids are the trail's `bigint` identity: a positive 64-bit integer, or no id at all. */
const MAX_EVENT_ID = 2n ** 63n - 1n;
const isEventId = (value: string): boolean => /^[1-9]\d{0,18}$/.test(value) && BigInt(value) <= MAX_EVENT_ID;

/** Reads one page of the trail with `filter`, after checking the page arguments. */
export async function auditPage(trail: AuditTrail, filter: Omit<AuditQuery, 'limit' | 'beforeId' | 'from' | 'to'>, args: AuditPageArgs): Promise<AuditEventView[]> {
  const first = args.first ?? 50;
  if (!Number.isInteger(first) || first < 1 || first > MAX_AUDIT_PAGE) throw badInput('first', `first must be a whole number from 1 to ${MAX_AUDIT_PAGE}.`);
  if (args.after != null && !isEventId(args.after)) throw badInput('after', 'after is an audit event id.');
  const from = args.from ? new Date(args.from) : undefined;
  const to = args.to ? new Date(args.to) : undefined;
  if (from && to && from > to) throw badInput('to', 'to must not be before from.');
  const events = await trail.query({ ...filter, ...(from ? { from } : {}), ...(to ? { to } : {}), ...(args.after ? { beforeId: args.after } : {}), limit: first });
  return events.map(view);
}

function view(event: StoredAuditEvent): AuditEventView {
  return {
    id: event.id,
    occurredAt: moscowIso(event.occurredAt),
    actorKind: event.actorKind === 'staff' ? 'STAFF' : 'RESIDENT',
    actorId: event.actorId,
    purpose: event.purpose,
    subjectId: event.subjectId,
    subgraph: event.subgraph,
    fields: event.fields,
    requestId: event.requestId,
    outcome: event.outcome === 'refused' ? 'REFUSED' : 'SERVED',
  };
}
