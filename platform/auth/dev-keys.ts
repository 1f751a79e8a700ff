import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateJwkKeyPair, type JwkKeyPair } from './key-pair';

/**
 * Development keys, made on first use and kept in a git-ignored file so that `npm start`,
 * `npm run token` and services started alone agree on them. Production supplies its own keys
 * through configuration and never reads this file.
 */
export interface DevKeys {
  /** Signs residents' tokens in the embedded development sign-on (ES256). */
  signOn: JwkKeyPair;
  /** Signs the gateway's internal credentials to the subgraphs (EdDSA). */
  internal: JwkKeyPair;
}

export async function loadOrCreateDevKeys(file: string): Promise<DevKeys> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DevKeys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const keys: DevKeys = {
    signOn: await generateJwkKeyPair('ES256', `dev-sign-on-${Date.now().toString(36)}`),
    internal: await generateJwkKeyPair('EdDSA', `dev-internal-${Date.now().toString(36)}`),
  };
  mkdirSync(dirname(file), { recursive: true });
  // Another process may have raced us here; `wx` keeps the first writer's keys.
  try {
    writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return JSON.parse(readFileSync(file, 'utf8')) as DevKeys;
    throw error;
  }
  return keys;
}
