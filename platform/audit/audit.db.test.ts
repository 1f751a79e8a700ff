import { testDatabases } from '../../test/support/test-database';
import { type AuditEvent, openAuditTrail, SqlAuditTrail } from './index';

/**
 * The same contract on the embedded database always, and on PostgreSQL where the environment
 * names one; one database per file, a fresh schema per test.
 */
describe.each(testDatabases().map((b) => [b.name, b] as const))('audit trail on %s', (_name, databases) => {
  afterAll(() => databases.close());
  const requestId = `req-${process.pid}-${Date.now()}`;
  const event = (patch: Partial<AuditEvent>): AuditEvent => ({
    actorKind: 'staff',
    actorId: 'emias:doctor-7',
    purpose: 'appointment',
    subjectId: '1042',
    subgraph: 'health',
    fields: ['medicalCard.documents', 'appointments'],
    requestId,
    occurredAt: new Date('2026-11-21T09:00:00Z'),
    outcome: 'served',
    ...patch,
  });

  it('keeps what was recorded, newest first, and finds it by subject, actor and time', async () => {
    const db = await databases.fresh();
    const trail = await SqlAuditTrail.open(db);
    try {
      const subject = `9${Date.now() % 1_000_000_000}`;
      await trail.record([
        event({ subjectId: subject }),
        event({ subjectId: subject, actorKind: 'resident', actorId: subject, purpose: null, occurredAt: new Date('2026-11-21T10:00:00Z') }),
      ]);
      const all = await trail.query({ subjectId: subject, limit: 10 });
      expect(all.map(({ id: _id, ...rest }) => rest)).toEqual([
        {
          actorKind: 'resident',
          actorId: subject,
          purpose: null,
          subjectId: subject,
          subgraph: 'health',
          fields: ['appointments', 'medicalCard.documents'],
          requestId,
          occurredAt: new Date('2026-11-21T10:00:00Z'),
          outcome: 'served',
        },
        {
          actorKind: 'staff',
          actorId: 'emias:doctor-7',
          purpose: 'appointment',
          subjectId: subject,
          subgraph: 'health',
          fields: ['appointments', 'medicalCard.documents'],
          requestId,
          occurredAt: new Date('2026-11-21T09:00:00Z'),
          outcome: 'served',
        },
      ]);
      expect(await trail.query({ subjectId: subject, excludeActor: { kind: 'resident', id: subject }, limit: 10 })).toHaveLength(1);
      expect(await trail.query({ subjectId: subject, excludeActor: { kind: 'staff', id: subject }, limit: 10 })).toHaveLength(2);
      expect(await trail.query({ subjectId: subject, to: new Date('2026-11-21T09:30:00Z'), limit: 10 })).toHaveLength(1);
      expect(await trail.query({ subjectId: subject, beforeId: all[0]!.id, limit: 10 })).toEqual([all[1]]);
    } finally {
      await trail.close();
    }
  });

  it('keeps whether a read was served or refused, and leaves out one actor only by kind and id together', async () => {
    const db = await databases.fresh();
    const trail = await SqlAuditTrail.open(db);
    try {
      const subject = `7${Date.now() % 1_000_000_000}`;
      await trail.record([
        event({ subjectId: subject, actorKind: 'resident', actorId: subject, purpose: null }),
        // A staff member whose subject happens to be the person's id is someone else.
        event({ subjectId: subject, actorKind: 'staff', actorId: subject }),
        event({ subjectId: subject, actorKind: 'resident', actorId: '1244', purpose: null, outcome: 'refused', fields: ['appointments'] }),
      ]);
      const others = await trail.query({ subjectId: subject, excludeActor: { kind: 'resident', id: subject }, limit: 10 });
      expect(others.map((e) => [e.actorKind, e.actorId, e.outcome])).toEqual([
        ['resident', '1244', 'refused'],
        ['staff', subject, 'served'],
      ]);
      expect((await trail.query({ subjectId: subject, outcome: 'refused', limit: 10 })).map((e) => e.actorId)).toEqual(['1244']);
    } finally {
      await trail.close();
    }
  });

  it('groups the writes that arrive while one is in flight, answering each caller', async () => {
    const db = await databases.fresh();
    const trail = await SqlAuditTrail.open(db);
    const statements: string[] = [];
    const query = db.query.bind(db);
    db.query = (sql, params) => {
      if (sql.startsWith('insert into audit_events')) statements.push(sql);
      return query(sql, params);
    };
    try {
      const subject = `8${Date.now() % 1_000_000_000}`;
      await Promise.all(Array.from({ length: 20 }, (_, i) => trail.record([event({ subjectId: subject, fields: [`f${i}`] })])));
      expect((await trail.query({ subjectId: subject, limit: 50 })).length).toBe(20);
      expect(statements.length).toBeLessThan(20);
    } finally {
      await trail.close();
    }
  });

  it('writes the reads that finish within the group-commit window in one statement, and answers each only once it committed', async () => {
    const db = await databases.fresh();
    const trail = await SqlAuditTrail.open(db, { groupCommitMs: 20 });
    const statements: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const query = db.query.bind(db);
    db.query = async (sql, params) => {
      if (!sql.startsWith('insert into audit_events')) return query(sql, params);
      statements.push(sql);
      await held;
      return query(sql, params);
    };
    try {
      const subject = `6${Date.now() % 1_000_000_000}`;
      const answered: number[] = [];
      // Two reads finishing together: neither is written before the window closes, both in one statement.
      const writes = [0, 1].map((i) => trail.record([event({ subjectId: subject, fields: [`f${i}`] })]).then(() => void answered.push(i)));
      const deadline = Date.now() + 5_000;
      while (statements.length === 0 && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
      expect(statements).toHaveLength(1);
      expect(answered).toEqual([]);
      release();
      await Promise.all(writes);
      expect(answered.sort()).toEqual([0, 1]);
      expect(statements).toHaveLength(1);
      expect(await trail.query({ subjectId: subject, limit: 10 })).toHaveLength(2);
    } finally {
      release();
      await trail.close();
    }
  });

  it('fails only the read whose rows could not be written when a grouped statement fails', async () => {
    const db = await databases.fresh();
    const trail = await SqlAuditTrail.open(db, { groupCommitMs: 20 });
    try {
      const subject = `5${Date.now() % 1_000_000_000}`;
      // Three reads in one statement; the second's actor kind is one the table's check refuses.
      const first = trail.record([event({ subjectId: subject })]);
      const bad = trail.record([event({ subjectId: subject, actorKind: 'robot' as never })]);
      const last = trail.record([event({ subjectId: subject })]);
      await expect(bad).rejects.toThrow();
      await expect(first).resolves.toBeUndefined();
      await expect(last).resolves.toBeUndefined();
      expect(await trail.query({ subjectId: subject, limit: 10 })).toHaveLength(2);
    } finally {
      await trail.close();
    }
  });

  it('writes what is queued before it closes', async () => {
    const db = await databases.fresh();
    const trail = await SqlAuditTrail.open(db, { groupCommitMs: 60_000 });
    const subject = `4${Date.now() % 1_000_000_000}`;
    const write = trail.record([event({ subjectId: subject })]);
    const rows: unknown[] = [];
    const query = db.query.bind(db);
    const close = db.close.bind(db);
    db.close = async () => {
      rows.push(...(await query('select id from audit_events where subject_id = $1', [subject])).rows);
      await close();
    };
    await trail.close();
    await expect(write).resolves.toBeUndefined();
    expect(rows).toHaveLength(1);
  });

  it('refuses to change or delete what was recorded', async () => {
    const db = await databases.fresh();
    const trail = await SqlAuditTrail.open(db);
    try {
      await trail.record([event({})]);
      await expect(db.query("update audit_events set purpose = 'nothing to see' where request_id = $1", [requestId])).rejects.toThrow(/append-only/);
      await expect(db.query('delete from audit_events where request_id = $1', [requestId])).rejects.toThrow(/append-only/);
      await expect(db.query('truncate audit_events')).rejects.toThrow(/append-only/);
    } finally {
      await trail.close();
    }
  });
});

describe('openAuditTrail', () => {
  it('shares one embedded store among the services of a process, and closes it with the last', async () => {
    const a = openAuditTrail();
    const b = openAuditTrail();
    await a.record([
      { actorKind: 'staff', actorId: 's', purpose: 'p', subjectId: '1', subgraph: 'school', fields: ['student'], requestId: 'shared-1', occurredAt: new Date(), outcome: 'served' },
    ]);
    expect((await b.query({ actorId: 's', limit: 5 })).map((e) => e.requestId)).toEqual(['shared-1']);
    await a.close();
    expect(await b.query({ actorId: 's', limit: 5 })).toHaveLength(1);
    await b.close();
    await expect(b.query({ limit: 1 })).rejects.toThrow(/closed/);
    const c = openAuditTrail();
    expect(await c.query({ actorId: 's', limit: 5 })).toEqual([]);
    await c.close();
  });
});
