import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DevKeys, DevSignOn } from '../../legacy/sign-on';
import { generateJwkKeyPair, INTERNAL_CREDENTIAL_HEADER, InternalCredentialIssuer, type JwkKeyPair, KeySeal } from '../../platform/auth';
import { repoRoot } from '../../platform/config';
import { SUBGRAPH_NAMES } from '../../schema';
import { refusal, runEntryPoint, type Started, started } from './support/entry-point';
import { codes, gql, send } from './support/http';

const LEGACY = ['registry', 'emias', 'mesh', 'housing', 'parking', 'acquirer'] as const;
const SYSTEM_TOKEN: Record<(typeof SUBGRAPH_NAMES)[number], string> = {
  residents: 'REGISTRY_SERVICE_TOKEN',
  health: 'EMIAS_SERVICE_TOKEN',
  school: 'MESH_SERVICE_TOKEN',
  housing: 'HOUSING_SERVICE_TOKEN',
  parking: 'PARKING_SERVICE_TOKEN',
  payments: 'ACQUIRER_SERVICE_TOKEN',
};
const SERVICE_TOKEN = 'issued-by-the-city-to-the-graph';
/** A subgraph over more than one system: the others besides the one its token above names. */
const OTHER_SYSTEMS_ENV: Partial<Record<(typeof SUBGRAPH_NAMES)[number], Record<string, string>>> = {
  payments: {
    HOUSING_URL: 'http://127.0.0.1:9',
    HOUSING_SERVICE_TOKEN: SERVICE_TOKEN,
    PARKING_URL: 'http://127.0.0.1:9',
    PARKING_SERVICE_TOKEN: SERVICE_TOKEN,
    PAYMENTS_DB_DIR: 'memory',
  },
};
const ADMIN_TOKEN = 'operators-only-admin-token-2026';
const INTROSPECTION = '{ __schema { types { name } } }';

/**
 * Every entry point started with NODE_ENV=production, as a container would start it: each either
 * refuses, saying what it needs, or serves the production posture for real — no introspection,
 * no Sandbox, no operation text, no development sign-on or its keys, no open admin endpoints.
 * Nothing runs silently as development.
 */
describe('NODE_ENV=production at every entry point', () => {
  const dir = mkdtempSync(join(tmpdir(), 'production-posture-'));
  /** Development keys lying ready, as after a developer ran `npm start` on the machine once. */
  const devKeysFile = join(dir, 'dev-keys.json');
  let devKeys: DevKeys;
  let gatewayKey: JwkKeyPair;
  let signOnKey: JwkKeyPair;
  let jwks: Server;
  let jwksUrl: string;
  const running: Started[] = [];
  const keep = (s: Started): Started => {
    running.push(s);
    return s;
  };

  beforeAll(async () => {
    devKeys = { signOn: await generateJwkKeyPair('ES256', 'dev-sign-on'), internal: await generateJwkKeyPair('EdDSA', 'dev-internal'), keySeal: KeySeal.generateSecret() };
    writeFileSync(devKeysFile, JSON.stringify(devKeys));
    gatewayKey = await generateJwkKeyPair('EdDSA', 'gateway-2026');
    signOnKey = await generateJwkKeyPair('ES256', 'city-sign-on');
    // The city sign-on's JWKS, which publishes its own key and not the development one.
    jwks = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [signOnKey.publicJwk] })));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(async () => {
    await Promise.all(running.map((s) => s.stop()));
    await new Promise<void>((resolve) => jwks.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  describe('the development conveniences refuse', () => {
    it.each([[[]], [['--processes']]])('npm start %j: exits 1 before making keys or starting anything, saying how production runs', async (args) => {
      const keysFile = join(dir, `start-${args.length}-keys.json`);
      const out = await refusal(runEntryPoint('deploy/start.ts', { args, env: { NODE_ENV: 'production', DEV_KEYS_FILE: keysFile, PORT: '0' } }));
      expect(out.code).toBe(1);
      expect(out.stdout).toBe('');
      expect(out.stderr).toContain('does not run with NODE_ENV=production');
      expect(out.stderr).toContain('node dist/gateway/main.js');
      for (const name of SUBGRAPH_NAMES) expect(out.stderr).toContain(`node dist/subgraphs/${name}/main.js`);
      expect(out.stderr).toContain('INTERNAL_CREDENTIAL_PUBLIC_JWK');
      expect(existsSync(keysFile)).toBe(false);
    });

    it('the simulators in one process (deploy/legacy-main): exits 1', async () => {
      const out = await refusal(runEntryPoint('deploy/legacy-main.ts', { env: { NODE_ENV: 'production' } }));
      expect(out.code).toBe(1);
      expect(out.stdout).toBe('');
      expect(out.stderr).toContain('does not run with NODE_ENV=production');
    });

    it('npm run token: exits 1 and prints no token', async () => {
      const out = await refusal(runEntryPoint('legacy/sign-on/print-token.ts', { args: ['1244'], env: { NODE_ENV: 'production', DEV_KEYS_FILE: devKeysFile } }));
      expect(out.code).toBe(1);
      expect(out.stdout).toBe('');
      expect(out.stderr).toMatch(/development sign-on/);
    });
  });

  describe('the gateway (gateway/main, and the cluster of it)', () => {
    const gatewayEnv = (): Record<string, string> => ({
      NODE_ENV: 'production',
      PORT: '0',
      DEV_KEYS_FILE: devKeysFile,
      AUTH_JWKS_URL: jwksUrl,
      AUTH_ISSUER: 'https://sign-on.city.test',
      INTERNAL_CREDENTIAL_PRIVATE_JWK: JSON.stringify(gatewayKey.privateJwk),
      TRUSTED_DOCUMENTS_FILE: join(repoRoot(), 'operations', 'persisted-query-manifest.json'),
      // Nothing listens there: nothing in these checks reaches a subgraph.
      ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_${name.toUpperCase()}_URL`, 'http://127.0.0.1:9/graphql'])),
    });

    it('refuses without the sign-on and its own key, though development keys lie ready', async () => {
      const { AUTH_JWKS_URL: _jwks, INTERNAL_CREDENTIAL_PRIVATE_JWK: _key, ...withoutKeys } = gatewayEnv();
      const out = await refusal(runEntryPoint('gateway/main.ts', { env: withoutKeys }));
      expect(out.code).toBe(1);
      expect(out.stderr).toMatch(/AUTH_JWKS_URL: is required in production/);
      const cluster = await refusal(runEntryPoint('deploy/gateway-cluster-main.ts', { env: { ...withoutKeys, GATEWAY_WORKERS: '1' } }));
      expect(cluster.code).not.toBe(0);
      expect(cluster.stderr).toMatch(/AUTH_JWKS_URL: is required in production/);
    });

    it('configured, serves the production posture: no operation text, no introspection, no Sandbox, no development JWKS, no development tokens', async () => {
      const gateway = keep(await started(runEntryPoint('gateway/main.ts', { env: gatewayEnv() })));
      const url = gateway.urls.gateway!;

      const introspection = await gql(url, INTROSPECTION);
      expect(introspection.status).toBe(400);
      expect(codes(introspection)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
      expect(introspection.text).not.toContain('Resident');

      const browser = await send(url, { method: 'GET', headers: { accept: 'text/html' } });
      expect(browser.text).not.toMatch(/<html|sandbox/i);

      const devJwks = await send(url.replace('/graphql', '/.well-known/jwks.json'), { method: 'GET' });
      expect(devJwks.status).toBe(404);
      expect(devJwks.text).not.toContain(String(devKeys.signOn.publicJwk.x));

      const devToken = await (await DevSignOn.create(devKeys.signOn)).issue('1244');
      const refused = await gql(url, '{ me { id } }', { token: devToken });
      expect(refused.status).toBe(401);
      expect(codes(refused)).toEqual(['UNAUTHENTICATED']);
      await gateway.stop();
    });
  });

  describe('the subgraphs (subgraphs/<name>/main)', () => {
    const subgraphEnv = (name: (typeof SUBGRAPH_NAMES)[number], registryUrl = 'http://127.0.0.1:9'): Record<string, string> => {
      const system = SYSTEM_TOKEN[name].replace('_SERVICE_TOKEN', '');
      return {
        NODE_ENV: 'production',
        PORT: '0',
        DEV_KEYS_FILE: devKeysFile,
        HOUSING_OUTBOX_DIR: 'memory',
        INTERNAL_CREDENTIAL_PUBLIC_JWK: JSON.stringify(gatewayKey.publicJwk),
        KEY_SEAL_SECRET: KeySeal.generateSecret(),
        REGISTRY_URL: registryUrl,
        REGISTRY_SERVICE_TOKEN: SERVICE_TOKEN,
        [`${system}_URL`]: system === 'REGISTRY' ? registryUrl : 'http://127.0.0.1:9',
        [SYSTEM_TOKEN[name]]: SERVICE_TOKEN,
        ...(OTHER_SYSTEMS_ENV[name] ?? {}),
      };
    };

    it.each(SUBGRAPH_NAMES)("%s: refuses without the gateway's public key (never reads the development keys), and with the development service token", async (name) => {
      const { INTERNAL_CREDENTIAL_PUBLIC_JWK: _key, ...withoutKey } = subgraphEnv(name);
      const noKey = await refusal(runEntryPoint(`subgraphs/${name}/main.ts`, { env: withoutKey }));
      expect(noKey.code).toBe(1);
      expect(noKey.stderr).toContain('INTERNAL_CREDENTIAL_PUBLIC_JWK: is required in production');

      const devToken = await refusal(runEntryPoint(`subgraphs/${name}/main.ts`, { env: { ...subgraphEnv(name), [SYSTEM_TOKEN[name]]: 'dev-service-token' } }));
      expect(devToken.code).toBe(1);
      expect(devToken.stderr).toContain(`${SYSTEM_TOKEN[name]}: is the development value`);
    });

    it("residents, configured, over a production registry simulator: takes the gateway's credential and refuses one signed with the development key", async () => {
      const registry = keep(await started(runEntryPoint('legacy/registry/main.ts', { args: ['--port', '0', '--service-token', SERVICE_TOKEN], env: { NODE_ENV: 'production' } })));
      const residents = keep(await started(runEntryPoint('subgraphs/residents/main.ts', { env: subgraphEnv('residents', registry.urls['legacy:registry']!) })));
      const url = residents.urls['subgraph:residents']!;
      const ask = async (privateJwk: JwkKeyPair['privateJwk']) =>
        send(url, {
          headers: {
            'content-type': 'application/json',
            [INTERNAL_CREDENTIAL_HEADER]: await (await InternalCredentialIssuer.create({ privateJwk })).credentialFor({ kind: 'resident', personId: '1244' }, 'residents'),
          },
          body: JSON.stringify({ query: '{ me { id } }' }),
        });
      const genuine = await ask(gatewayKey.privateJwk);
      expect(genuine.json).toEqual({ data: { me: { id: '1244' } } });
      const withDevKey = await ask(devKeys.internal.privateJwk);
      expect(withDevKey.status).toBe(401);
      expect(codes(withDevKey)).toEqual(['UNAUTHENTICATED']);
      await residents.stop();
      await registry.stop();
    });
  });

  describe('the simulators (legacy/<system>/main)', () => {
    const admin = (base: string, method: 'GET' | 'POST', path: string, token?: string, body?: string) =>
      send(`${base}/__admin${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, ...(body ? { body } : {}) });

    it.each(LEGACY)('%s: refuses without a service token of its own', async (system) => {
      const none = await refusal(runEntryPoint(`legacy/${system}/main.ts`, { args: ['--port', '0'], env: { NODE_ENV: 'production' } }));
      expect(none.code).toBe(1);
      expect(none.stderr).toContain('--service-token: is required in production');
      const devToken = await refusal(runEntryPoint(`legacy/${system}/main.ts`, { args: ['--port', '0', '--service-token', 'dev-service-token'], env: { NODE_ENV: 'production' } }));
      expect(devToken.code).toBe(1);
      expect(devToken.stderr).toContain('--service-token: is the development value');
    });

    it.each(LEGACY)('%s: /__admin is off without SIM_ADMIN_TOKEN: no counters, no faults taken', async (system) => {
      const sim = keep(await started(runEntryPoint(`legacy/${system}/main.ts`, { args: ['--port', '0', '--service-token', SERVICE_TOKEN], env: { NODE_ENV: 'production' } })));
      const base = sim.urls[`legacy:${system}`]!;
      expect((await admin(base, 'GET', '/stats')).status).toBe(404);
      expect((await admin(base, 'POST', '/faults', undefined, JSON.stringify({ down: true }))).status).toBe(404);
      expect((await admin(base, 'POST', '/clock', undefined, JSON.stringify({ now: '2030-01-01T00:00:00+03:00' }))).status).toBe(404);
      // The system still answers: the fault did not take.
      expect((await send(`${base}/no-such-route`, { method: 'GET' })).status).toBe(404);
      await sim.stop();
    });

    it.each(LEGACY)('%s: with SIM_ADMIN_TOKEN, /__admin answers only that token', async (system) => {
      const sim = keep(
        await started(runEntryPoint(`legacy/${system}/main.ts`, { args: ['--port', '0', '--service-token', SERVICE_TOKEN], env: { NODE_ENV: 'production', SIM_ADMIN_TOKEN: ADMIN_TOKEN } })),
      );
      const base = sim.urls[`legacy:${system}`]!;
      expect((await admin(base, 'GET', '/stats')).status).toBe(401);
      expect((await admin(base, 'POST', '/faults', 'not-the-admin-token-at-all', JSON.stringify({ down: true }))).status).toBe(401);
      const stats = await admin(base, 'GET', '/stats', ADMIN_TOKEN);
      expect(stats.status).toBe(200);
      expect(stats.json).toMatchObject({ system });
      await sim.stop();
    });
  });
});
