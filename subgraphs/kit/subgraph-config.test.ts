import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeySeal } from '../../platform/auth';
import { subgraphConfigFromEnv } from './subgraph-config';

describe('the key seal secret in a subgraph\'s configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'subgraph-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const key = { INTERNAL_CREDENTIAL_PUBLIC_JWK: '{"kty":"OKP"}' };

  it('takes KEY_SEAL_SECRET when it is at least 32 bytes of base64url, and names it when it is not', () => {
    const secret = KeySeal.generateSecret();
    expect(subgraphConfigFromEnv({ ...key, KEY_SEAL_SECRET: secret }, 4101).keySealSecret).toBe(secret);
    expect(() => subgraphConfigFromEnv({ ...key, KEY_SEAL_SECRET: 'c2hvcnQ' }, 4101)).toThrow(/KEY_SEAL_SECRET: must be base64url of at least 32 random bytes/);
  });

  it('refuses to start in production without it, even when development keys are at hand', () => {
    const file = join(dir, 'keys.json');
    writeFileSync(file, JSON.stringify({ keySeal: KeySeal.generateSecret() }));
    expect(() => subgraphConfigFromEnv({ ...key, NODE_ENV: 'production', DEV_KEYS_FILE: file }, 4101)).toThrow(/configuration KEY_SEAL_SECRET: is required in production/);
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
