import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { KeySeal } from '../../platform/auth';
import { ConfigError, developmentDefault, developmentSecret, type Env, envBool, envInt, envOptional, envString, envUrl, isProduction, repoRoot } from '../../platform/config';
import { type AdmissionOptions, admissionOptionsFromEnv } from '../../platform/http';
import { type TracingConfig, tracingConfigFromEnv } from '../../platform/telemetry';

/** Configuration every subgraph shares, parsed once from the environment. */
export interface SubgraphConfig {
  port: number;
  host: string;
  logLevel: string;
  /** The gateway's public key that signs internal credentials. */
  internalPublicJwk: JWK;
  /**
   * `KEY_SEAL_SECRET`: the secret the residents subgraph seals each person's legacy keys with and
   * the other subgraphs open them with (base64url, at least 32 random bytes). Required in
   * production; development reads it from `.dev/keys.json`.
   */
  keySealSecret: string;
  /** The resident registry, asked who represents whom. */
  registryUrl: string;
  /** The token the registry issued to the graph. */
  registryServiceToken: string;
  /** Time a subgraph gives one request before its legacy calls are cut. */
  requestBudgetMs: number;
  /** Deadline of one legacy call. */
  legacyTimeoutMs: number;
  /**
   * `LEGACY_CONNECTIONS`: keep-alive sockets to each legacy system, which are also the calls to it
   * in flight at once (its concurrency cap; default 32). By Little's law a process serves at most
   * this many ÷ (calls to the system per request × the system's latency) requests a second: at 32,
   * EMIAS's five calls of ~120 ms hold health to ~53 dashboards/s whatever the CPU. Size it to the
   * rate a replica is meant to carry and to what the system itself accepts.
   */
  legacyConnections?: number;
  /** Shared store for stale-if-error reads across replicas; in-memory per process when absent. */
  redisUrl?: string;
  /**
   * Serve read-mostly legacy answers from the per-principal cache for a minute (`LEGACY_FRESH_READS`,
   * default true): repeat views cost the legacy systems almost nothing. Tests turn it off.
   */
  legacyFreshReads?: boolean;
  /**
   * `DATABASE_URL`: the PostgreSQL the audit trail is written to, shared by every subgraph and
   * replica. Absent: the embedded database, in `auditDataDir` or in memory (one machine only).
   */
  databaseUrl?: string;
  /** `AUDIT_DATA_DIR`: where the embedded database keeps the audit trail when there is no DATABASE_URL. */
  auditDataDir?: string;
  /** `ADMISSION_*`: the bounds of the adaptive admission limit (admissionOptionsFromEnv); absent ones take the defaults. */
  admission?: AdmissionOptions;
  /** Where spans go (`OTEL_EXPORTER_OTLP_ENDPOINT` and the other `OTEL_*`); absent, tracing is off. */
  tracing?: TracingConfig;
}

/** Sockets to each legacy system, and its concurrency cap, unless `LEGACY_CONNECTIONS` says otherwise. */
export const DEFAULT_LEGACY_CONNECTIONS = 32;

/**
 * The token the simulators take from integration clients, which development subgraphs present
 * when no `*_SERVICE_TOKEN` is set. Production never presents it: it must be given real ones.
 */
export const DEVELOPMENT_SERVICE_TOKEN = 'dev-service-token';

/**
 * `PORT`, `HOST`, `LOG_LEVEL`, `REGISTRY_URL`, `REGISTRY_SERVICE_TOKEN`, `REQUEST_BUDGET_MS`,
 * `LEGACY_TIMEOUT_MS`, `LEGACY_CONNECTIONS`, `DATABASE_URL` and `AUDIT_DATA_DIR` (the audit trail), `KEY_SEAL_SECRET`, `ADMISSION_*`, the
 * standard `OTEL_*` variables (tracing, see tracingConfigFromEnv), and the
 * gateway's key as `INTERNAL_CREDENTIAL_PUBLIC_JWK` (JSON) — in development, when it is absent,
 * the key from `.dev/keys.json` that `npm start` and `npm run token` also use. With
 * `NODE_ENV=production` the key, the registry's URL and its token are required (a ConfigError
 * names the first one missing), and neither `.dev/keys.json` nor the development token is used.
 */
export function subgraphConfigFromEnv(env: Env, defaultPort: number): SubgraphConfig {
  return {
    port: envInt(env, 'PORT', defaultPort, { min: 0, max: 65_535 }),
    host: envString(env, 'HOST', '127.0.0.1'),
    logLevel: envString(env, 'LOG_LEVEL', 'info'),
    internalPublicJwk: internalKeyFromEnv(env),
    keySealSecret: keySealSecretFromEnv(env),
    registryUrl: envUrl(env, 'REGISTRY_URL', developmentDefault('http://127.0.0.1:8101')),
    registryServiceToken: envString(env, 'REGISTRY_SERVICE_TOKEN', developmentSecret(DEVELOPMENT_SERVICE_TOKEN)),
    requestBudgetMs: envInt(env, 'REQUEST_BUDGET_MS', 8_000, { min: 100 }),
    legacyTimeoutMs: envInt(env, 'LEGACY_TIMEOUT_MS', 3_000, { min: 50 }),
    legacyConnections: envInt(env, 'LEGACY_CONNECTIONS', DEFAULT_LEGACY_CONNECTIONS, { min: 1, max: 4_096 }),
    databaseUrl: envOptional(env, 'DATABASE_URL'),
    auditDataDir: envOptional(env, 'AUDIT_DATA_DIR'),
    redisUrl: envOptional(env, 'REDIS_URL'),
    legacyFreshReads: envBool(env, 'LEGACY_FRESH_READS', true),
    admission: admissionOptionsFromEnv(env),
    tracing: tracingConfigFromEnv(env),
  };
}

/**
 * The gateway's public key: given inline, or in development read from the development keys file.
 * Production is never handed the development key silently: without the variable it refuses.
 */
function internalKeyFromEnv(env: Env): JWK {
  const inline = envOptional(env, 'INTERNAL_CREDENTIAL_PUBLIC_JWK');
  if (inline) return parsePublicJwk(inline);
  if (isProduction(env)) throw new ConfigError('INTERNAL_CREDENTIAL_PUBLIC_JWK', "is required in production (the gateway's public key, as JSON)");
  const file = envOptional(env, 'DEV_KEYS_FILE') ?? join(repoRoot(), '.dev', 'keys.json');
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { internal: { publicJwk: JWK } }).internal.publicJwk;
  } catch {
    throw new ConfigError('INTERNAL_CREDENTIAL_PUBLIC_JWK', `is not set and no development keys were found at ${file} (run npm start or npm run token once)`);
  }
}

/**
 * An Ed25519 public key as a JWK. A private key here is refused: the public variable is copied
 * into every subgraph's configuration and must never carry the gateway's signing secret.
 */
function parsePublicJwk(text: string): JWK {
  let jwk: unknown;
  try {
    jwk = JSON.parse(text);
  } catch {
    throw new ConfigError('INTERNAL_CREDENTIAL_PUBLIC_JWK', 'must be a JWK as JSON');
  }
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) throw new ConfigError('INTERNAL_CREDENTIAL_PUBLIC_JWK', 'must be a JWK as JSON');
  const { kty, crv, x, d } = jwk as Record<string, unknown>;
  if (d !== undefined) throw new ConfigError('INTERNAL_CREDENTIAL_PUBLIC_JWK', 'holds a private key; give the subgraphs the public half only');
  if (kty !== 'OKP' || crv !== 'Ed25519' || typeof x !== 'string') throw new ConfigError('INTERNAL_CREDENTIAL_PUBLIC_JWK', "must be the gateway's Ed25519 public key (kty OKP, crv Ed25519)");
  return jwk as JWK;
}

function keySealSecretFromEnv(env: Env): string {
  const inline = envOptional(env, 'KEY_SEAL_SECRET');
  if (inline) {
    if (!KeySeal.isValidSecret(inline)) throw new ConfigError('KEY_SEAL_SECRET', 'must be base64url of at least 32 random bytes');
    return inline;
  }
  // Production never falls back to a development file: a missing secret stops the start.
  if (isProduction(env)) throw new ConfigError('KEY_SEAL_SECRET', 'is required in production (base64url of at least 32 random bytes, the same for every subgraph)');
  const file = envOptional(env, 'DEV_KEYS_FILE') ?? join(repoRoot(), '.dev', 'keys.json');
  let secret: unknown;
  try {
    secret = (JSON.parse(readFileSync(file, 'utf8')) as { keySeal?: unknown }).keySeal;
  } catch {
    secret = undefined;
  }
  if (typeof secret !== 'string' || !KeySeal.isValidSecret(secret)) {
    throw new ConfigError('KEY_SEAL_SECRET', `is not set and the development keys at ${file} hold none (run npm start or npm run token once)`);
  }
  return secret;
}
