import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildManifest, type PersistedQueryManifest, type RunningGateway, TrustedDocuments } from '../../gateway';
import { demoResidents } from '../../legacy/population';
import { MANIFEST_FILE, RESIDENT_DASHBOARD } from '../../operations';
import { repoRoot } from '../../platform/config';
import { codes, gql, send } from './support/http';
import { legacyCallCounts, NO_LEGACY_CALLS, resetLegacyStats, type SecureSystem, startSecureSystem } from './support/secure-system';

/**
 * Finding 16 of the security review (its cost half): ten aliased `availableSlots(first: 1)` passed
 * every limit and cost EMIAS 38 calls in one request. The gateway now prices each field by the
 * legacy calls its subgraph declares (`@cost`, `@listSize` in the supergraph).
 */
describe('the demand an operation puts on the legacy systems', () => {
  let secure: SecureSystem;
  let production: RunningGateway;
  let token: string;
  const manifestFile = join(repoRoot(), 'operations', MANIFEST_FILE);

  beforeAll(async () => {
    secure = await startSecureSystem();
    production = await secure.startGateway({ production: true, trustedDocuments: TrustedDocuments.fromFile(manifestFile) });
    token = await secure.system.tokenFor(demoResidents(secure.system.population).find((d) => d.key === 'family')!.person.id);
  });
  afterAll(() => secure.close());
  beforeEach(() => resetLegacyStats(secure.system));

  it('refuses ten aliased availableSlots(first: 1) before any legacy call', async () => {
    const specialities = ['2', '3', '11', '12', '13', '2', '3', '11', '12', '13'];
    const slots = specialities.map((id, i) => `s${i}: availableSlots(specialityId: "${id}", first: 1) { startTime doctor { name } }`).join(' ');
    const reply = await gql(secure.system.gateway.graphqlUrl, `query Slots { ${slots} }`, { token });
    expect(reply.status).toBe(400);
    expect(codes(reply)).toEqual(['COST_ESTIMATED_TOO_EXPENSIVE']);
    expect(reply.json?.data).toBeUndefined();
    expect(legacyCallCounts(secure.system)).toEqual(NO_LEGACY_CALLS);
  });

  it('lets the dashboard through, as text in development and by id in production', async () => {
    expect(codes(await gql(secure.system.gateway.graphqlUrl, RESIDENT_DASHBOARD, { token }))).toEqual([]);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as PersistedQueryManifest;
    const id = manifest.operations.find((operation) => operation.name === 'ResidentDashboard')!.id;
    const reply = await send(production.graphqlUrl, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: id } } }),
    });
    expect(codes(reply)).toEqual([]);
    expect(reply.json?.data?.me).toBeTruthy();
  });

  it('in production refuses without telling the estimate or the limit', async () => {
    const slots = Array.from({ length: 10 }, (_, i) => `s${i}: availableSlots(specialityId: "2", first: 1) { startTime }`).join(' ');
    const manifest = buildManifest([`query Slots { ${slots} }`]);
    const gateway = await secure.startGateway({ production: true, trustedDocuments: TrustedDocuments.fromManifest(manifest) });
    const reply = await send(gateway.graphqlUrl, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: manifest.operations[0]!.id } } }),
    });
    expect(reply.status).toBe(400);
    expect(codes(reply)).toEqual(['COST_ESTIMATED_TOO_EXPENSIVE']);
    expect(reply.json?.errors?.[0]?.message).not.toMatch(/\d/);
    expect(legacyCallCounts(secure.system)).toEqual(NO_LEGACY_CALLS);
  });
});
