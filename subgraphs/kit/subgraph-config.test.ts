import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DevKeys } from '../../legacy/sign-on';
import { generateJwkKeyPair, KeySeal } from '../../platform/auth';
import { subgraphConfigFromEnv } from './subgraph-config';

describe('subgraph configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'subgraph-config-'));
  const devKeysFile = join(dir, 'keys.json');
  let devKeys: DevKeys;
  let gatewayKey: Awaited<ReturnType<typeof generateJwkKeyPair>>;

  beforeAll(async () => {
    devKeys = { signOn: await generateJwkKeyPair('ES256', 'dev-sign-on'), internal: await generateJwkKeyPair('EdDSA', 'dev-internal'), keySeal: KeySeal.generateSecret() };
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
    KEY_SEAL_SECRET: KeySeal.generateSecret(),
  });

  it('keeps 32 sockets to each legacy system unless LEGACY_CONNECTIONS says otherwise, and refuses a count that is none', () => {
    expect(subgraphConfigFromEnv({ DEV_KEYS_FILE: devKeysFile }, 4101).legacyConnections).toBe(32);
    expect(subgraphConfigFromEnv({ DEV_KEYS_FILE: devKeysFile, LEGACY_CONNECTIONS: '256' }, 4101).legacyConnections).toBe(256);
    for (const bad of ['0', '-1', 'many', '1.5']) expect(refusalOf({ DEV_KEYS_FILE: devKeysFile, LEGACY_CONNECTIONS: bad }).message).toMatch(/LEGACY_CONNECTIONS/);
  });

  it('in development takes the development key and the local registry when nothing is set', () => {
    const config = subgraphConfigFromEnv({ DEV_KEYS_FILE: devKeysFile }, 4101);
    expect(config.internalPublicJwk).toEqual(devKeys.internal.publicJwk);
    expect(config).toMatchObject({ registryUrl: 'http://127.0.0.1:8101', registryServiceToken: 'dev-service-token' });
  });

  it("in production never reads the development keys: without the gateway's public key it refuses", () => {
    const { INTERNAL_CREDENTIAL_PUBLIC_JWK: _omitted, ...withoutKey } = production();
    expect(() => subgraphConfigFromEnv(withoutKey, 4101)).toThrow(
      expect.objectContaining({ variable: 'INTERNAL_CREDENTIAL_PUBLIC_JWK', message: expect.stringMatching(/is required in production/) }),
    );
    expect(subgraphConfigFromEnv(production(), 4101)).toMatchObject({
      internalPublicJwk: gatewayKey.publicJwk,
      registryUrl: 'https://registry.city.test',
      registryServiceToken: 'issued-by-the-registry',
    });
  });

  it("in production requires the registry's URL and a token of its own", () => {
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
    expect(() => subgraphConfigFromEnv({ ...production(), INTERNAL_CREDENTIAL_PUBLIC_JWK: JSON.stringify(devKeys.signOn.publicJwk) }, 4101)).toThrow(
      /must be the gateway's Ed25519 public key/,
    );
    expect(() => subgraphConfigFromEnv({ ...production(), INTERNAL_CREDENTIAL_PUBLIC_JWK: '[1]' }, 4101)).toThrow(/must be a JWK as JSON/);
  });
});

describe("the key seal secret in a subgraph's configuration", () => {
  const dir = mkdtempSync(join(tmpdir(), 'subgraph-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let key: { INTERNAL_CREDENTIAL_PUBLIC_JWK: string };
  beforeAll(async () => {
    key = { INTERNAL_CREDENTIAL_PUBLIC_JWK: JSON.stringify((await generateJwkKeyPair('EdDSA', 'gateway')).publicJwk) };
  });

  it('takes KEY_SEAL_SECRET when it is at least 32 bytes of base64url, and names it when it is not', () => {
    const secret = KeySeal.generateSecret();
    expect(subgraphConfigFromEnv({ ...key, KEY_SEAL_SECRET: secret }, 4101).keySealSecret).toBe(secret);
    expect(() => subgraphConfigFromEnv({ ...key, KEY_SEAL_SECRET: 'c2hvcnQ' }, 4101)).toThrow(/KEY_SEAL_SECRET: must be base64url of at least 32 random bytes/);
  });

  it('refuses to start in production without it, even when development keys are at hand', () => {
    const file = join(dir, 'keys.json');
    writeFileSync(file, JSON.stringify({ keySeal: KeySeal.generateSecret() }));
    expect(() =>
      subgraphConfigFromEnv({ ...key, NODE_ENV: 'production', DEV_KEYS_FILE: file, REGISTRY_URL: 'https://registry.city.test', REGISTRY_SERVICE_TOKEN: 'issued-by-the-registry' }, 4101),
    ).toThrow(/configuration KEY_SEAL_SECRET: is required in production/);
  });

  it('reads it from the development keys file in development, and says how to make one when it holds none', () => {
    const secret = KeySeal.generateSecret();
    const file = join(dir, 'dev-keys.json');
    writeFileSync(file, JSON.stringify({ keySeal: secret }));
    expect(subgraphConfigFromEnv({ ...key, DEV_KEYS_FILE: file }, 4101).keySealSecret).toBe(secret);
    const old = join(dir, 'old-keys.json');
    writeFileSync(old, JSON.stringify({ internal: {} }));
    expect(() => subgraphConfigFromEnv({ ...key, DEV_KEYS_FILE: old }, 4101)).toThrow(/KEY_SEAL_SECRET: is not set .*run npm start or npm run token once/);
  });
});
