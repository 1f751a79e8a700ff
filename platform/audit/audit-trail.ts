import { migrate, type SqlDatabase } from '../storage';

/**
 * One read of a person's data, as the audit trail keeps it: who read, whose record, which fields,
 * why, when, in which request and through which part of the graph.
 */
export interface AuditEvent {
  /** The principal's kind: `resident` reading themselves or a child, or `staff`. */
  actorKind: 'resident' | 'staff';
  /** The resident's person id, or the staff member's or partner service's subject. */
  actorId: string;
  /** The purpose a staff token stated; null for residents. */
  purpose: string | null;
  /** The person whose record was read. */
  subjectId: string;
  /** The subgraph that served the fields (`health`, `residents`, ...). */
  subgraph: string;
  /** The fields served, as paths from the resident (`medicalCard.documents`), sorted. */
  fields: string[];
  /** The request id the gateway assigned, the same as in the logs. */
  requestId: string;
  occurredAt: Date;
  /**
   * `served`: the fields were answered. `refused`: they were asked for and refused (keys that
   * were not proven to be the person's), so an attempt on someone's data leaves a trace too.
   */
  outcome: AuditOutcome;
}

export type AuditOutcome = 'served' | 'refused';

/** An event as stored, with its place in the trail. */
export interface StoredAuditEvent extends AuditEvent {
  /** Increasing with every write; the cursor for paging. */
  id: string;
}

/** What to look up; every filter given must hold. */
export interface AuditQuery {
  subjectId?: string;
  actorId?: string;
  subgraph?: string;
  /**
   * Leave out one actor's reads: a resident asking who else looked leaves out their own. Kind and
   * id together, so a staff subject that happens to equal the person's id is still shown.
   */
  excludeActor?: { kind: AuditEvent['actorKind']; id: string };
  outcome?: AuditOutcome;
  from?: Date;
  to?: Date;
  /** Events older than this id (the previous page's last). */
  beforeId?: string;
  /** At most this many, newest first. */
  limit: number;
}

/**
 * The append-only audit trail. `record` resolves only once the events are durable, so a caller
 * that awaits it before answering never serves a read that was not recorded.
 */
export interface AuditTrail {
  record(events: ReadonlyArray<AuditEvent>): Promise<void>;
  query(query: AuditQuery): Promise<StoredAuditEvent[]>;
  close(): Promise<void>;
}

/**
 * The table refuses UPDATE, DELETE and TRUNCATE with a trigger, so even code holding the
 * connection cannot rewrite history; retention is a separate, deliberate operation. One statement
 * per step: the embedded database runs each step as one prepared statement.
 */
export const AUDIT_MIGRATIONS = [
  {
    id: '001-audit-events',
    sql: `create table audit_events (
      id bigserial primary key,
      occurred_at timestamptz not null,
      request_id text not null,
      actor_kind text not null check (actor_kind in ('resident', 'staff')),
      actor_id text not null,
      purpose text,
      subject_id text not null,
      subgraph text not null,
      fields text[] not null)`,
  },
  { id: '002-audit-events-by-subject', sql: 'create index audit_events_subject on audit_events (subject_id, id desc)' },
  { id: '003-audit-events-by-actor', sql: 'create index audit_events_actor on audit_events (actor_id, id desc)' },
  {
    id: '004-append-only-function',
    sql: `create function audit_events_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_events is append-only';
      end;
    $$`,
  },
  {
    id: '005-no-update-or-delete',
    sql: 'create trigger audit_events_no_update before update or delete on audit_events for each row execute function audit_events_append_only()',
  },
  {
    id: '006-no-truncate',
    sql: 'create trigger audit_events_no_truncate before truncate on audit_events for each statement execute function audit_events_append_only()',
  },
  {
    // Rows written before refusals were recorded were all served reads.
    id: '007-audit-events-outcome',
    sql: "alter table audit_events add column outcome text not null default 'served' check (outcome in ('served', 'refused'))",
  },
];

interface Row {
  id: string | number;
  occurred_at: Date | string;
  request_id: string;
  actor_kind: 'resident' | 'staff';
  actor_id: string;
  purpose: string | null;
  subject_id: string;
  subgraph: string;
  fields: string[];
  outcome: AuditOutcome;
}

/** Events written by one statement at most (9 parameters each, well under PostgreSQL's 65535). */
const MAX_BATCH_EVENTS = 1000;

/**
 * How long the first read of a batch waits for others before the batch is written, in ms. A write
 * costs the database a fixed ~0.2–0.3 ms of CPU (the embedded one, measured) before its rows,
 * ~20 µs each; under load, the reads that finish within the window share one statement. A few ms
 * against legacy calls of tens to hundreds.
 */
export const GROUP_COMMIT_MS = 5;

export interface SqlAuditTrailOptions {
  /** The group-commit window; default GROUP_COMMIT_MS. 0 writes each read as soon as no write is in flight. */
  groupCommitMs?: number;
}

interface Pending {
  events: ReadonlyArray<AuditEvent>;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * The audit trail in PostgreSQL or the embedded database (platform/storage). Writes are grouped
 * (group commit): the first read to record opens a short window, the reads that finish within it,
 * or while a write is in flight, go together in one statement, so under load the trail costs one
 * statement per window rather than one per read. Each caller is answered when its own rows have
 * committed, and only then: a read whose rows did not commit fails. When a grouped statement
 * fails, each read's rows are tried alone, so one bad row never fails another's read.
 */
export class SqlAuditTrail implements AuditTrail {
  private queue: Pending[] = [];
  private queuedEvents = 0;
  private writing: Promise<void> | undefined;
  private window: NodeJS.Timeout | undefined;
  private readonly groupCommitMs: number;

  private constructor(
    private readonly db: SqlDatabase,
    options: SqlAuditTrailOptions,
  ) {
    this.groupCommitMs = options.groupCommitMs ?? GROUP_COMMIT_MS;
  }

  static async open(db: SqlDatabase, options: SqlAuditTrailOptions = {}): Promise<SqlAuditTrail> {
    await migrate(db, 'audit', AUDIT_MIGRATIONS);
    return new SqlAuditTrail(db, options);
  }

  record(events: ReadonlyArray<AuditEvent>): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ events, resolve, reject });
      this.queuedEvents += events.length;
      this.schedule();
    });
  }

  /** Starts a write now (a full batch, no window) or when the window closes; one in flight already takes the queue when it ends. */
  private schedule(): void {
    if (this.writing) return;
    if (this.groupCommitMs <= 0 || this.queuedEvents >= MAX_BATCH_EVENTS) {
      this.startWriting();
      return;
    }
    this.window ??= setTimeout(() => this.startWriting(), this.groupCommitMs);
  }

  private startWriting(): void {
    if (this.window) clearTimeout(this.window);
    this.window = undefined;
    if (this.writing || this.queue.length === 0) return;
    this.writing = this.drain().finally(() => {
      this.writing = undefined;
    });
  }

  private async drain(): Promise<void> {
    // Reads that queue while a write is in flight have waited for it: they go in the next at once.
    while (this.queue.length > 0) {
      const batch: Pending[] = [];
      let count = 0;
      while (this.queue.length > 0 && (batch.length === 0 || count + this.queue[0]!.events.length <= MAX_BATCH_EVENTS)) {
        const next = this.queue.shift()!;
        batch.push(next);
        count += next.events.length;
      }
      this.queuedEvents -= count;
      try {
        await this.insert(batch.flatMap((p) => p.events));
        for (const p of batch) p.resolve();
      } catch (error) {
        if (batch.length === 1) batch[0]!.reject(error);
        else await this.insertEachAlone(batch);
      }
    }
  }

  private async insertEachAlone(batch: ReadonlyArray<Pending>): Promise<void> {
    for (const pending of batch) {
      try {
        await this.insert(pending.events);
        pending.resolve();
      } catch (error) {
        pending.reject(error);
      }
    }
  }

  private async insert(events: ReadonlyArray<AuditEvent>): Promise<void> {
    const params: unknown[] = [];
    const tuples = events.map((e) => {
      const base = params.length;
      params.push(e.occurredAt.toISOString(), e.requestId, e.actorKind, e.actorId, e.purpose, e.subjectId, e.subgraph, [...e.fields].sort(), e.outcome);
      return `(${Array.from({ length: 9 }, (_, i) => `$${base + i + 1}`).join(', ')})`;
    });
    // One statement: the events of a request are recorded together or not at all.
    await this.db.query<Record<string, never>>(
      `insert into audit_events (occurred_at, request_id, actor_kind, actor_id, purpose, subject_id, subgraph, fields, outcome) values ${tuples.join(', ')}`,
      params,
    );
  }

  async query(query: AuditQuery): Promise<StoredAuditEvent[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.subjectId !== undefined) add('subject_id = ?', query.subjectId);
    if (query.actorId !== undefined) add('actor_id = ?', query.actorId);
    if (query.subgraph !== undefined) add('subgraph = ?', query.subgraph);
    if (query.excludeActor !== undefined) {
      params.push(query.excludeActor.kind, query.excludeActor.id);
      where.push(`not (actor_kind = $${params.length - 1} and actor_id = $${params.length})`);
    }
    if (query.outcome !== undefined) add('outcome = ?', query.outcome);
    if (query.from !== undefined) add('occurred_at >= ?', query.from.toISOString());
    if (query.to !== undefined) add('occurred_at <= ?', query.to.toISOString());
    if (query.beforeId !== undefined) add('id < ?', query.beforeId);
    params.push(query.limit);
    const { rows } = await this.db.query<Row>(
      `select id, occurred_at, request_id, actor_kind, actor_id, purpose, subject_id, subgraph, fields, outcome from audit_events
       ${where.length ? `where ${where.join(' and ')}` : ''} order by id desc limit $${params.length}`,
      params,
    );
    return rows.map((r) => ({
      id: String(r.id),
      occurredAt: new Date(r.occurred_at),
      requestId: r.request_id,
      actorKind: r.actor_kind,
      actorId: r.actor_id,
      purpose: r.purpose,
      subjectId: r.subject_id,
      subgraph: r.subgraph,
      fields: r.fields,
      outcome: r.outcome,
    }));
  }

  /** Writes what is queued, then closes the database. */
  async close(): Promise<void> {
    this.startWriting();
    await this.writing;
    await this.db.close();
  }
}
