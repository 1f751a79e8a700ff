import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateJwkKeyPair } from '../platform/auth';
import { SUBGRAPH_NAMES } from '../schema/subgraph-names';
import { gatewayConfigFromEnv } from './gateway-config';
import { buildManifest } from './trusted-documents';

describe('gateway configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-config-'));
  const manifestFile = join(dir, 'manifest.json');
  writeFileSync(manifestFile, JSON.stringify(buildManifest(['query Me { me { id } }'])));

  const productionEnv = async () => ({
    NODE_ENV: 'production',
    AUTH_JWKS_URL: 'https://sign-on.city.test/.well-known/jwks.json',
    AUTH_ISSUER: 'https://sign-on.city.test',
    INTERNAL_CREDENTIAL_PRIVATE_JWK: JSON.stringify((await generateJwkKeyPair('EdDSA', 'gw')).privateJwk),
    // Every subgraph of the committed supergraph, as production must be told.
    ...Object.fromEntries(SUBGRAPH_NAMES.map((n) => [`SUBGRAPH_${n.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`, `https://${n}.internal/graphql`])),
  });

  it('requires a trusted-documents manifest in production and reads the limits', async () => {
    const env = await productionEnv();
    expect(() => gatewayConfigFromEnv(env)).toThrow(/TRUSTED_DOCUMENTS_FILE: is required in production/);
    const config = gatewayConfigFromEnv({ ...env, TRUSTED_DOCUMENTS_FILE: manifestFile, QUERY_MAX_DEPTH: '7', RATE_LIMIT_PER_PRINCIPAL: '120', AUTH_JWKS_COOLDOWN_MS: '1000' });
    expect(config.trustedDocuments?.size).toBe(1);
    expect(config.limits?.maxDepth).toBe(7);
    expect(config.rateLimit).toMatchObject({ perPrincipal: { perMinute: 120 } });
    expect(config.auth.jwks).toMatchObject({ url: env.AUTH_JWKS_URL, cooldownMs: 1000 });
    expect(gatewayConfigFromEnv({ ...env, TRUSTED_DOCUMENTS_FILE: manifestFile, RATE_LIMIT_PER_PRINCIPAL: '0' }).rateLimit).toBe(false);
  });

  it('reads where replicas share their rate limits, and refuses a REDIS_URL that is not Redis without repeating it', async () => {
    const env = { ...(await productionEnv()), TRUSTED_DOCUMENTS_FILE: manifestFile };
    expect(gatewayConfigFromEnv(env).redisUrl).toBeUndefined();
    expect(gatewayConfigFromEnv({ ...env, REDIS_URL: 'redis://:s3cret@redis.internal:6379/0' }).redisUrl).toBe('redis://:s3cret@redis.internal:6379/0');
    expect(() => gatewayConfigFromEnv({ ...env, REDIS_URL: 'http://:s3cret@redis.internal' })).toThrow(/^configuration REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL$/);
  });

  it('reads how many proxies to trust, and refuses a client-address header with none to trust', async () => {
    const env = { ...(await productionEnv()), TRUSTED_DOCUMENTS_FILE: manifestFile };
    expect(gatewayConfigFromEnv(env).trustedProxies).toBe(0);
    expect(gatewayConfigFromEnv({ ...env, TRUSTED_PROXIES: '2' })).toMatchObject({ trustedProxies: 2 });
    expect(gatewayConfigFromEnv({ ...env, TRUSTED_PROXIES: '1', CLIENT_ADDRESS_HEADER: 'X-Real-IP' })).toMatchObject({ trustedProxies: 1, clientAddressHeader: 'x-real-ip' });
    expect(() => gatewayConfigFromEnv({ ...env, CLIENT_ADDRESS_HEADER: 'x-forwarded-for' })).toThrow(/CLIENT_ADDRESS_HEADER: .*TRUSTED_PROXIES/);
    expect(() => gatewayConfigFromEnv({ ...env, TRUSTED_PROXIES: '-1' })).toThrow(/TRUSTED_PROXIES/);
    expect(gatewayConfigFromEnv({ ...env, QUERY_MAX_DEMAND: '80' }).limits?.maxDemand).toBe(80);
  });

  it('refuses a manifest that does not check out, and half an mTLS pair', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: 'a'.repeat(64), name: 'X', type: 'query', body: '{ me { id } }' }] }));
    const env = await productionEnv();
    expect(() => gatewayConfigFromEnv({ ...env, TRUSTED_DOCUMENTS_FILE: bad })).toThrow(/TRUSTED_DOCUMENTS_FILE/);
    const cert = join(dir, 'cert.pem');
    writeFileSync(cert, '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n');
    expect(() => gatewayConfigFromEnv({ ...env, TRUSTED_DOCUMENTS_FILE: manifestFile, SUBGRAPH_TLS_CERT_FILE: cert })).toThrow(/SUBGRAPH_TLS_KEY_FILE/);
  });

  it('takes subgraph URLs from the supergraph unless SUBGRAPH_<NAME>_URL says otherwise, and refuses a placeholder, naming the variable', async () => {
    const env = { ...(await productionEnv()), TRUSTED_DOCUMENTS_FILE: manifestFile };
    const config = gatewayConfigFromEnv({ ...env, SUBGRAPH_LIBRARY_CARDS_URL: 'https://cards.internal/graphql' });
    // A name the supergraph does not have is no error: it may be for the next one.
    expect(config.subgraphUrls).toMatchObject({ RESIDENTS: 'https://residents.internal/graphql', LIBRARY_CARDS: 'https://cards.internal/graphql' });
    const withoutHealth: Record<string, string> = { ...env };
    delete withoutHealth.SUBGRAPH_HEALTH_URL;
    for (const mode of ['production', 'development']) {
      expect(() => gatewayConfigFromEnv({ ...withoutHealth, NODE_ENV: mode })).toThrow(/SUBGRAPH_HEALTH_URL: the supergraph gives subgraph "health" only the placeholder URL/);
    }
    expect(() => gatewayConfigFromEnv({ ...env, SUBGRAPH_HEALTH_URL: 'not a url' })).toThrow(/SUBGRAPH_HEALTH_URL: must be an http\(s\) URL/);
  });

  it('serves the contract variants composed beside the supergraph, with whom each is for, unless told none', async () => {
    const env = { ...(await productionEnv()), TRUSTED_DOCUMENTS_FILE: manifestFile };
    const config = gatewayConfigFromEnv(env);
    expect(config.supergraphFile).toMatch(/schema\/supergraph\.graphql$/);
    expect(config.contracts?.map((c) => c.name)).toEqual(['health-staff', 'housing-staff', 'parking-staff', 'public', 'school-staff']);
    expect(config.contracts?.find((c) => c.name === 'health-staff')).toMatchObject({
      callers: { principals: ['staff'], scopes: ['health:read'] },
      supergraphFile: expect.stringMatching(/contracts\/health-staff\.supergraph\.graphql$/),
    });
    expect(gatewayConfigFromEnv({ ...env, SUPERGRAPH_CONTRACTS_DIR: '' }).contracts).toEqual([]);
    expect(config.reload).toEqual({ watch: true, debounceMs: 250, healthCheck: false });
    expect(gatewayConfigFromEnv({ ...env, SUPERGRAPH_WATCH: 'false', SUPERGRAPH_RELOAD_HEALTH_CHECK: 'true' }).reload).toMatchObject({ watch: false, healthCheck: true });
  });
});
