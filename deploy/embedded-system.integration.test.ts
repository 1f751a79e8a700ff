import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESIDENT_DASHBOARD } from '../operations';
import { openDatabase } from '../platform/storage';
import { postGraphQL } from '../test/support/graphql-client';
import { startEmbeddedSystem } from './embedded-system';

describe('the embedded graph on disk', () => {
  it('keeps the audit trail and the meter-reading outbox in one database, and records a medical read and a reading there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'embedded-'));
    try {
      const system = await startEmbeddedSystem({ dataDir: dir, now: new Date('2026-11-21T12:00:00+03:00'), logLevel: 'silent' });
      let personId: string;
      try {
        const person = system.population.findAdult((p) => p.payerCodes.length > 0);
        personId = String(person.id);
        const token = await system.tokenFor(person.id);
        const reply = await postGraphQL(system.gateway.graphqlUrl, RESIDENT_DASHBOARD, { token });
        expect(reply.errors).toBeUndefined();
        const homes = await postGraphQL<{
          me: { homes: Array<{ payerCode: string; meters: Array<{ id: string; kind: string; canSubmitNow: boolean; lastReading: { value: number } | null }> }> };
        }>(system.gateway.graphqlUrl, '{ me { homes { payerCode meters { id kind canSubmitNow lastReading { value } } } } }', { token });
        const home = homes.data!.me.homes.find((h) => h.meters.some((m) => m.canSubmitNow && m.kind === 'COLD_WATER'))!;
        const meter = home.meters.find((m) => m.canSubmitNow && m.kind === 'COLD_WATER')!;
        const submitted = await postGraphQL<{ submitMeterReadings: { results: Array<{ status: string }> } }>(
          system.gateway.graphqlUrl,
          'mutation($input: SubmitMeterReadingsInput!, $key: String!) { submitMeterReadings(input: $input, idempotencyKey: $key) { results { status } } }',
          { token, variables: { input: { payerCode: home.payerCode, readings: [{ meterId: meter.id, value: (meter.lastReading?.value ?? 0) + 3 }] }, key: 'embedded-on-disk' } },
        );
        expect(submitted.data?.submitMeterReadings.results[0]?.status).toBe('DELIVERED');
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
        const readings = await db.query<{ status: string }>('select status from housing_readings');
        expect(readings.rows).toEqual([{ status: 'DELIVERED' }]);
      } finally {
        await db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
