import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateJwkKeyPair, type DevKeys } from '../../platform/auth';
import { subgraphConfigFromEnv } from './subgraph-config';

describe('subgraph configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'subgraph-config-'));
  const devKeysFile = join(dir, 'keys.json');
  let devKeys: DevKeys;
  let gatewayKey: Awaited<ReturnType<typeof generateJwkKeyPair>>;

  beforeAll(async () => {
    devKeys = { signOn: await generateJwkKeyPair('ES256', 'dev-sign-on'), internal: await generateJwkKeyPair('EdDSA', 'dev-internal') };
    writeFileSync(devKeysFile, JSON.stringify(devKeys));
    gatewayKey = await generateJwkKeyPair('EdDSA', 'gateway-2026');
  });

  /** The error the configuration stops with; a configuration that does not stop fails the test. */
  const refusalOf = (env: Record<string, string>): Error => {
    try {
      subgraphConfigFromEnv(env, 4101);
    } catch (error) {
      return error as Error;
    }
    throw new Error('the configuration was accepted');
  };

  const production = () => ({
    NODE_ENV: 'production',
    DEV_KEYS_FILE: devKeysFile,
    INTERNAL_CREDENTIAL_PUBLIC_JWK: JSON.stringify(gatewayKey.publicJwk),
    REGISTRY_URL: 'https://registry.city.test',
    REGISTRY_SERVICE_TOKEN: 'issued-by-the-registry',
  });

  it('in development takes the development key and the local registry when nothing is set', () => {
    const config = subgraphConfigFromEnv({ DEV_KEYS_FILE: devKeysFile }, 4101);
    expect(config.internalPublicJwk).toEqual(devKeys.internal.publicJwk);
    expect(config).toMatchObject({ registryUrl: 'http://127.0.0.1:8101', registryServiceToken: 'dev-service-token' });
  });

  it('in production never reads the development keys: without the gateway\'s public key it refuses', () => {
    const { INTERNAL_CREDENTIAL_PUBLIC_JWK: _omitted, ...withoutKey } = production();
    expect(() => subgraphConfigFromEnv(withoutKey, 4101)).toThrow(expect.objectContaining({ variable: 'INTERNAL_CREDENTIAL_PUBLIC_JWK', message: expect.stringMatching(/is required in production/) }));
    expect(subgraphConfigFromEnv(production(), 4101)).toMatchObject({ internalPublicJwk: gatewayKey.publicJwk, registryUrl: 'https://registry.city.test', registryServiceToken: 'issued-by-the-registry' });
  });

  it('in production requires the registry\'s URL and a token of its own', () => {
    for (const variable of ['REGISTRY_URL', 'REGISTRY_SERVICE_TOKEN'] as const) {
      const env: Record<string, string> = production();
      delete env[variable];
      expect(() => subgraphConfigFromEnv(env, 4101)).toThrow(`configuration ${variable}: is required in production`);
    }
    expect(() => subgraphConfigFromEnv({ ...production(), REGISTRY_SERVICE_TOKEN: 'dev-service-token' }, 4101)).toThrow(/REGISTRY_SERVICE_TOKEN: is the development value/);
  });

  it('takes only an Ed25519 public key: a private key or another kind of key is refused, and not echoed', () => {
    const privateKey = JSON.stringify(gatewayKey.privateJwk);
    const refusal = refusalOf({ ...production(), INTERNAL_CREDENTIAL_PUBLIC_JWK: privateKey });
    expect(refusal.message).toMatch(/INTERNAL_CREDENTIAL_PUBLIC_JWK: holds a private key/);
    expect(refusal.message).not.toContain(String(gatewayKey.privateJwk.d));
    expect(() => subgraphConfigFromEnv({ ...production(), INTERNAL_CREDENTIAL_PUBLIC_JWK: JSON.stringify(devKeys.signOn.publicJwk) }, 4101)).toThrow(/must be the gateway's Ed25519 public key/);
    expect(() => subgraphConfigFromEnv({ ...production(), INTERNAL_CREDENTIAL_PUBLIC_JWK: '[1]' }, 4101)).toThrow(/must be a JWK as JSON/);
  });
});
