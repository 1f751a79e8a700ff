import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateJwkKeyPair, KeySeal } from '../../platform/auth';
import { loadOrCreateDevKeys } from './dev-keys';

describe('development keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dev-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes every key on first use and reads the same ones back', async () => {
    const file = join(dir, 'fresh', 'keys.json');
    const made = await loadOrCreateDevKeys(file);
    expect(KeySeal.isValidSecret(made.keySeal)).toBe(true);
    expect(await loadOrCreateDevKeys(file)).toEqual(made);
  });

  it('adds the key seal secret to a file written before it existed, keeping the other keys', async () => {
    const file = join(dir, 'old-keys.json');
    const old = { signOn: await generateJwkKeyPair('ES256', 'old-sign-on'), internal: await generateJwkKeyPair('EdDSA', 'old-internal') };
    writeFileSync(file, JSON.stringify(old));
    const upgraded = await loadOrCreateDevKeys(file);
    expect(upgraded).toMatchObject(old);
    expect(KeySeal.isValidSecret(upgraded.keySeal)).toBe(true);
    // Written back: a service that reads the file alone sees the same secret.
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(upgraded);
    expect(await loadOrCreateDevKeys(file)).toEqual(upgraded);
  });
});
