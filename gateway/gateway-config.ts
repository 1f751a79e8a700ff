import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { ConfigError, envInt, envOptional, envString, envUrl, repoRoot, type Env } from '../platform/config';
import { SUBGRAPH_NAMES, type SubgraphName } from '../schema';
import { DEFAULT_AUDIENCE, DEV_ISSUER, type JwksSource } from './auth';
import { DEFAULT_QUERY_LIMITS, type QueryLimits, type RateLimitConfig } from './limits';
import { ManifestError, TrustedDocuments } from './trusted-documents';

/** Everything the gateway reads from its environment, parsed once at start. */
export interface GatewayConfig {
  port: number;
  host: string;
  /** Production hides Sandbox and stack traces and requires real keys; development is the default. */
  production: boolean;
  logLevel: string;
  /** The composed supergraph the query planner works from. */
  supergraphSdl: string;
  /** Where each subgraph of the supergraph really lives. */
  subgraphUrls: Record<SubgraphName, string>;
  auth: {
    jwks: JwksSource;
    issuer: string;
    audience: string;
  };
  /** Signs the internal credentials the subgraphs verify. */
  internalPrivateJwk: JWK;
  /** A subgraph call that has not answered by then is cut; longer than a subgraph's own budget. */
  subgraphTimeoutMs: number;
  /**
   * The whole request's budget, sent to the subgraphs as `x-request-deadline` so every hop below
   * ends by it: longer than a subgraph's own budget (8 s), shorter than `subgraphTimeoutMs`.
   * Default 9000 ms.
   */
  requestBudgetMs?: number;
  /** Keep-alive sockets per subgraph. */
  subgraphConnections: number;
  /** Limits on one operation; each absent one takes its default (DEFAULT_QUERY_LIMITS). */
  limits?: Partial<QueryLimits>;
  /** Requests per client address and per principal; `false` turns limiting off. Default DEFAULT_RATE_LIMITS. */
  rateLimit?: RateLimitConfig | false;
  /**
   * Redis (`redis://…`) where the rate limits are counted, so every replica of the gateway shares
   * them; while it cannot be reached, each replica counts in memory. Absent: counted per process.
   */
  redisUrl?: string;
  /**
   * The operations production runs (a persisted-query manifest); required in production, where
   * nothing else runs. Development accepts any operation and ignores it.
   */
  trustedDocuments?: TrustedDocuments;
  /**
   * TLS towards the subgraphs (PEM text): `ca` to trust their certificates, `cert` and `key` to
   * present the gateway's own, so subgraphs behind a TLS terminator that asks for a client
   * certificate (mTLS) accept only the gateway. Absent: plain HTTP, for one machine.
   */
  subgraphTls?: { ca?: string; cert?: string; key?: string };
  /**
   * How many proxies of ours (load balancer, ingress) stand between clients and the gateway, each
   * appending the address it got the request from to `clientAddressHeader`. The per-address rate
   * limit takes the client's address that many hops from the right, as Express's `trust proxy`
   * does, so entries a client writes itself are never used. Default 0: the TCP peer is the client.
   */
  trustedProxies?: number;
  /** The header the trusted proxies append to; read only when `trustedProxies` > 0. Default `x-forwarded-for`. */
  clientAddressHeader?: string;
}

/** Generous for people (a dashboard is one request), tight for scripts. */
export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  perPrincipal: { perMinute: 600, burst: 120 },
  perAddress: { perMinute: 3000, burst: 600 },
};

interface DevKeysFile {
  signOn: { publicJwk: JWK };
  internal: { privateJwk: JWK };
}

/**
 * `PORT` (4000), `HOST`, `NODE_ENV`, `LOG_LEVEL`, `SUPERGRAPH_FILE` (schema/supergraph.graphql),
 * `SUBGRAPH_<NAME>_URL` for residents, health, school, housing and parking, `AUTH_JWKS_URL`,
 * `AUTH_JWKS_COOLDOWN_MS` (30000), `AUTH_JWKS_CACHE_MS` (600000), `AUTH_ISSUER`, `AUTH_AUDIENCE`,
 * `INTERNAL_CREDENTIAL_PRIVATE_JWK`, `SUBGRAPH_TIMEOUT_MS`, `SUBGRAPH_CONNECTIONS`;
 * limits `QUERY_MAX_DEPTH`, `QUERY_MAX_COST`, `QUERY_MAX_ALIASES`, `QUERY_MAX_TOKENS`,
 * `QUERY_MAX_DIRECTIVES`, `QUERY_MAX_BYTES`, `QUERY_MAX_LIST_LENGTH`; rate limits per minute
 * `RATE_LIMIT_PER_PRINCIPAL`, `RATE_LIMIT_PRINCIPAL_BURST`, `RATE_LIMIT_PER_ADDRESS`,
 * `RATE_LIMIT_ADDRESS_BURST` (`RATE_LIMIT_PER_PRINCIPAL=0` turns limiting off), `REDIS_URL`
 * (where replicas share the rate limits);
 * `TRUSTED_DOCUMENTS_FILE` (a persisted-query manifest); `SUBGRAPH_TLS_CA_FILE`,
 * `SUBGRAPH_TLS_CERT_FILE`, `SUBGRAPH_TLS_KEY_FILE`; `TRUSTED_PROXIES` (0), `CLIENT_ADDRESS_HEADER`
 * (x-forwarded-for); `QUERY_MAX_DEMAND`. In development, absent keys come from
 * .dev/keys.json (the embedded sign-on's); production refuses to start without them, and without
 * a trusted-documents manifest.
 */
export function gatewayConfigFromEnv(env: Env): GatewayConfig {
  const production = env.NODE_ENV === 'production';
  const supergraphFile = envString(env, 'SUPERGRAPH_FILE', join(repoRoot(), 'schema', 'supergraph.graphql'));
  let supergraphSdl: string;
  try {
    supergraphSdl = readFileSync(supergraphFile, 'utf8');
  } catch {
    throw new ConfigError('SUPERGRAPH_FILE', `cannot read ${supergraphFile} (run npm run compose)`);
  }
  const subgraphUrls = Object.fromEntries(
    SUBGRAPH_NAMES.map((name, i) => {
      const variable = `SUBGRAPH_${name.toUpperCase()}_URL`;
      const fallback = production ? undefined : `http://127.0.0.1:${4101 + i}/graphql`;
      return [name, envUrl(env, variable, fallback)];
    }),
  ) as Record<SubgraphName, string>;

  const jwksUrl = envOptional(env, 'AUTH_JWKS_URL');
  const inlineInternal = envOptional(env, 'INTERNAL_CREDENTIAL_PRIVATE_JWK');
  let devKeys: DevKeysFile | undefined;
  if (!jwksUrl || !inlineInternal) {
    if (production) throw new ConfigError(jwksUrl ? 'INTERNAL_CREDENTIAL_PRIVATE_JWK' : 'AUTH_JWKS_URL', 'is required in production');
    devKeys = readDevKeys(env);
  }
  let internalPrivateJwk: JWK;
  if (inlineInternal) {
    try {
      internalPrivateJwk = JSON.parse(inlineInternal) as JWK;
    } catch {
      throw new ConfigError('INTERNAL_CREDENTIAL_PRIVATE_JWK', 'must be a JWK as JSON');
    }
  } else {
    internalPrivateJwk = (devKeys as DevKeysFile).internal.privateJwk;
  }

  const manifestFile = envOptional(env, 'TRUSTED_DOCUMENTS_FILE');
  if (production && !manifestFile) throw new ConfigError('TRUSTED_DOCUMENTS_FILE', 'is required in production');
  let trustedDocuments: TrustedDocuments | undefined;
  if (manifestFile) {
    try {
      trustedDocuments = TrustedDocuments.fromFile(manifestFile);
    } catch (error) {
      throw new ConfigError('TRUSTED_DOCUMENTS_FILE', error instanceof ManifestError ? error.message : String(error));
    }
  }
  const limit = (name: string, fallback: number) => envInt(env, name, fallback, { min: 1 });
  const perPrincipal = envInt(env, 'RATE_LIMIT_PER_PRINCIPAL', DEFAULT_RATE_LIMITS.perPrincipal.perMinute, { min: 0 });
  const tlsFile = (name: string) => {
    const file = envOptional(env, name);
    if (!file) return undefined;
    try {
      return readFileSync(file, 'utf8');
    } catch {
      throw new ConfigError(name, `cannot read ${file}`);
    }
  };
  const redisUrl = envOptional(env, 'REDIS_URL');
  // The URL may hold Redis's password: the refusal does not repeat it.
  if (redisUrl && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) throw new ConfigError('REDIS_URL', 'must be a redis:// or rediss:// URL');
  const trustedProxies = envInt(env, 'TRUSTED_PROXIES', 0, { min: 0, max: 16 });
  // Read behind no proxy, the header would be whatever the client wrote: refuse rather than trust it.
  if (trustedProxies === 0 && envOptional(env, 'CLIENT_ADDRESS_HEADER')) {
    throw new ConfigError('CLIENT_ADDRESS_HEADER', 'is read only behind trusted proxies: set TRUSTED_PROXIES to how many stand in front of the gateway');
  }
  const tls = { ca: tlsFile('SUBGRAPH_TLS_CA_FILE'), cert: tlsFile('SUBGRAPH_TLS_CERT_FILE'), key: tlsFile('SUBGRAPH_TLS_KEY_FILE') };
  if (Boolean(tls.cert) !== Boolean(tls.key)) throw new ConfigError('SUBGRAPH_TLS_CERT_FILE', 'and SUBGRAPH_TLS_KEY_FILE go together');

  return {
    port: envInt(env, 'PORT', 4000, { min: 0, max: 65_535 }),
    host: envString(env, 'HOST', '127.0.0.1'),
    production,
    logLevel: envString(env, 'LOG_LEVEL', 'info'),
    supergraphSdl,
    subgraphUrls,
    auth: {
      jwks: jwksUrl
        ? {
            url: envUrl(env, 'AUTH_JWKS_URL'),
            cooldownMs: envInt(env, 'AUTH_JWKS_COOLDOWN_MS', 30_000, { min: 0 }),
            cacheMaxAgeMs: envInt(env, 'AUTH_JWKS_CACHE_MS', 600_000, { min: 1_000 }),
          }
        : { keys: { keys: [(devKeys as DevKeysFile).signOn.publicJwk] } },
      issuer: envString(env, 'AUTH_ISSUER', jwksUrl ? undefined : DEV_ISSUER),
      audience: envString(env, 'AUTH_AUDIENCE', DEFAULT_AUDIENCE),
    },
    internalPrivateJwk,
    subgraphTimeoutMs: envInt(env, 'SUBGRAPH_TIMEOUT_MS', 10_000, { min: 100 }),
    requestBudgetMs: envInt(env, 'REQUEST_BUDGET_MS', 9_000, { min: 100 }),
    subgraphConnections: envInt(env, 'SUBGRAPH_CONNECTIONS', 64, { min: 1 }),
    limits: {
      maxDepth: limit('QUERY_MAX_DEPTH', DEFAULT_QUERY_LIMITS.maxDepth),
      maxCost: limit('QUERY_MAX_COST', DEFAULT_QUERY_LIMITS.maxCost),
      maxDemand: limit('QUERY_MAX_DEMAND', DEFAULT_QUERY_LIMITS.maxDemand),
      maxAliases: envInt(env, 'QUERY_MAX_ALIASES', DEFAULT_QUERY_LIMITS.maxAliases, { min: 0 }),
      maxTokens: limit('QUERY_MAX_TOKENS', DEFAULT_QUERY_LIMITS.maxTokens),
      maxDirectives: envInt(env, 'QUERY_MAX_DIRECTIVES', DEFAULT_QUERY_LIMITS.maxDirectives, { min: 0 }),
      maxQueryBytes: limit('QUERY_MAX_BYTES', DEFAULT_QUERY_LIMITS.maxQueryBytes),
      maxListLength: limit('QUERY_MAX_LIST_LENGTH', DEFAULT_QUERY_LIMITS.maxListLength),
    },
    rateLimit:
      perPrincipal === 0
        ? false
        : {
            perPrincipal: { perMinute: perPrincipal, burst: limit('RATE_LIMIT_PRINCIPAL_BURST', DEFAULT_RATE_LIMITS.perPrincipal.burst ?? 1) },
            perAddress: {
              perMinute: limit('RATE_LIMIT_PER_ADDRESS', DEFAULT_RATE_LIMITS.perAddress.perMinute),
              burst: limit('RATE_LIMIT_ADDRESS_BURST', DEFAULT_RATE_LIMITS.perAddress.burst ?? 1),
            },
          },
    ...(redisUrl ? { redisUrl } : {}),
    ...(trustedDocuments ? { trustedDocuments } : {}),
    ...(tls.ca || tls.cert ? { subgraphTls: tls } : {}),
    trustedProxies,
    ...(envOptional(env, 'CLIENT_ADDRESS_HEADER') ? { clientAddressHeader: envString(env, 'CLIENT_ADDRESS_HEADER').toLowerCase() } : {}),
  };
}

function readDevKeys(env: Env): DevKeysFile {
  const file = envOptional(env, 'DEV_KEYS_FILE') ?? join(repoRoot(), '.dev', 'keys.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DevKeysFile;
  } catch {
    throw new ConfigError('DEV_KEYS_FILE', `no development keys at ${file}: run npm start (or npm run token) once, or set AUTH_JWKS_URL and INTERNAL_CREDENTIAL_PRIVATE_JWK`);
  }
}
