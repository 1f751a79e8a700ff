import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../platform/storage';
import { RESIDENT_DASHBOARD } from '../test/support/dashboard-query';
import { postGraphQL } from '../test/support/graphql-client';
import { startEmbeddedSystem } from './embedded-system';

describe('the embedded graph on disk', () => {
  it('keeps the audit trail and the meter-reading outbox in one database, and records a medical read there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'embedded-'));
    try {
      const system = await startEmbeddedSystem({ dataDir: dir, now: new Date('2026-11-21T12:00:00+03:00'), logLevel: 'silent' });
      let personId: string;
      try {
        const person = system.population.findAdult((p) => p.payerCodes.length > 0);
        personId = String(person.id);
        const reply = await postGraphQL(system.gateway.graphqlUrl, RESIDENT_DASHBOARD, { token: await system.tokenFor(person.id) });
        expect(reply.errors).toBeUndefined();
      } finally {
        // Closing writes what the trail still holds.
        await system.close();
      }
      // One PGlite instance costs the process ~200 MB: the graph keeps one, not one per store.
      expect(readdirSync(dir)).toEqual(['database']);
      const db = await openDatabase({ dataDir: join(dir, 'database') });
      try {
        const { rows } = await db.query<{ subject_id: string; subgraph: string }>('select subject_id, subgraph from audit_events');
        expect(rows).toContainEqual({ subject_id: personId, subgraph: 'health' });
        const tables = await db.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public'");
        expect(tables.rows.map((t) => t.table_name)).toEqual(expect.arrayContaining(['audit_events', 'housing_readings', 'housing_submissions']));
      } finally {
        await db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
