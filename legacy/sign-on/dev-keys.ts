import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateJwkKeyPair, type JwkKeyPair, KeySeal } from '../../platform/auth';

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
  /** The registry's key seal secret (`KEY_SEAL_SECRET`, base64url), shared by every subgraph. */
  keySeal: string;
}

/**
 * The keys in `file`, made and written there when it does not exist. A file written before a key
 * was added gets the missing key, written back, so the services that read it agree on it.
 */
export async function loadOrCreateDevKeys(file: string): Promise<DevKeys> {
  const existing = readKeys(file);
  if (existing) return complete(file, existing);
  const keys: DevKeys = {
    signOn: await generateJwkKeyPair('ES256', `dev-sign-on-${Date.now().toString(36)}`),
    internal: await generateJwkKeyPair('EdDSA', `dev-internal-${Date.now().toString(36)}`),
    keySeal: KeySeal.generateSecret(),
  };
  mkdirSync(dirname(file), { recursive: true });
  // Another process may have raced us here; `wx` keeps the first writer's keys.
  try {
    writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return complete(file, readKeys(file) ?? keys);
    throw error;
  }
  return keys;
}

function readKeys(file: string): Partial<DevKeys> | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Partial<DevKeys>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return undefined;
  }
}

/** Adds what an older file lacks and writes it back whole (a rename, so no reader sees half a file). */
function complete(file: string, keys: Partial<DevKeys>): DevKeys {
  if (!keys.signOn || !keys.internal) throw new Error(`the development keys file ${file} is damaged: delete it and a new one is made`);
  if (keys.keySeal && KeySeal.isValidSecret(keys.keySeal)) return keys as DevKeys;
  const upgraded: DevKeys = { signOn: keys.signOn, internal: keys.internal, keySeal: KeySeal.generateSecret() };
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(upgraded, null, 2), { mode: 0o600 });
  renameSync(temporary, file);
  return upgraded;
}
