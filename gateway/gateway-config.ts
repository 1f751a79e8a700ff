import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { JWK } from 'jose';
import { ConfigError, type Env, envBool, envInt, envOptional, envString, envUrl, repoRoot } from '../platform/config';
import { type AdmissionOptions, admissionOptionsFromEnv } from '../platform/http';
import { type TracingConfig, tracingConfigFromEnv } from '../platform/telemetry';
import { DEFAULT_AUDIENCE, DEV_ISSUER, type JwksSource } from './auth';
import { type ContractVariantConfig, ContractVariantsError, readContractVariants } from './contracts/contract-variants';
import { DEFAULT_QUERY_LIMITS, type QueryLimits, type RateLimitConfig } from './limits';
import type { SandboxOptions } from './plugins';
import { type ReloadableSupergraphOptions, readSubgraphUrls, SubgraphUrls, SupergraphRejected } from './supergraph';
import { ManifestError, TrustedDocuments } from './trusted-documents';

/** Everything the gateway reads from its environment, parsed once at start. */
export interface GatewayConfig {
  port: number;
  host: string;
  /** Production hides Sandbox and stack traces and requires real keys; development is the default. */
  production: boolean;
  logLevel: string;
  /** The supergraph served at `/graphql` (any Federation 2 supergraph), as read at start. */
  supergraphSdl: string;
  /**
   * The file `supergraphSdl` was read from: read again when it changes and on SIGHUP, and served
   * if it checks out (see `reload`). Absent: the supergraph is never reloaded.
   */
  supergraphFile?: string;
  /**
   * Where subgraphs live, by subgraph name (or the name's variable form), instead of the URL the
   * supergraph names (`@join__graph(url:)`). Default none: every URL comes from the supergraph.
   * Production refuses a loopback URL taken from the file, and every mode our composition's
   * placeholder (see `SubgraphUrls`).
   */
  subgraphUrls?: Readonly<Record<string, string>>;
  /**
   * Contract variants served at `/contracts/<name>/graphql`, and at `/graphql` to the callers they
   * claim (see `ContractCallers`). Default none.
   */
  contracts?: ReadonlyArray<ContractVariantConfig>;
  /**
   * How supergraph files are reloaded: on a change (`watch`, default true, after `debounceMs` of
   * quiet, default 250) and on SIGHUP; `healthCheck` (default false) keeps the old supergraph
   * unless every subgraph of the new one answers.
   */
  reload?: Pick<ReloadableSupergraphOptions, 'watch' | 'debounceMs' | 'healthCheck'>;
  /**
   * Development: what Apollo Sandbox opens with. Default: the operations of `operations/` and no
   * headers (`npm start` fills in a demo resident's `Authorization`).
   */
  sandbox?: SandboxOptions;
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
  /**
   * The bounds of the adaptive concurrency limit that refuses what the gateway cannot serve in
   * time (503, `OVERLOADED`, reads before mutations). Default: GATEWAY_ADMISSION, each absent
   * option its default.
   */
  admission?: AdmissionOptions;
  /** Where spans go (`OTEL_EXPORTER_OTLP_ENDPOINT` and the other `OTEL_*`); absent, tracing is off. */
  tracing?: TracingConfig;
}

/**
 * The gateway counts itself congested when work has waited 5 ms (CoDel's target) all through a
 * window, in its own process or in a subgraph (as the subgraph reports it): the gateway refuses a
 * whole request cleanly, before any work, so it should act before a subgraph has to refuse part of
 * one (a subgraph's target is twice this).
 */
export const GATEWAY_ADMISSION: AdmissionOptions = { queueDelayTargetMs: 5 };

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
 * Every `SUBGRAPH_<NAME>_URL` set, by the name's variable form (`LIBRARY_CARDS`), as
 * `GatewayConfig.subgraphUrls` takes them; a value that is not an http(s) URL is a ConfigError.
 */
export function subgraphUrlsFromEnv(env: Env): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const variable of Object.keys(env)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(variable);
    if (match?.[1] && envOptional(env, variable)) overrides[match[1]] = envUrl(env, variable);
  }
  return overrides;
}

/**
 * `PORT` (4000), `HOST`, `NODE_ENV`, `LOG_LEVEL`, `SUPERGRAPH_FILE` (schema/supergraph.graphql),
 * `SUBGRAPH_<NAME>_URL` for any subgraph of it (the name upper-cased, non-alphanumerics as `_`;
 * default: the URL the supergraph names), `SUPERGRAPH_CONTRACTS_DIR` (the `contracts` folder
 * beside the supergraph; empty serves no variant), `SUPERGRAPH_WATCH` (true),
 * `SUPERGRAPH_RELOAD_DEBOUNCE_MS` (250), `SUPERGRAPH_RELOAD_HEALTH_CHECK` (false),
 * `SANDBOX_AUTHORIZATION` (development: the `Authorization` header Sandbox opens with),
 * `AUTH_JWKS_URL`, `AUTH_JWKS_COOLDOWN_MS` (30000), `AUTH_JWKS_CACHE_MS` (600000), `AUTH_ISSUER`,
 * `AUTH_AUDIENCE`, `INTERNAL_CREDENTIAL_PRIVATE_JWK`, `SUBGRAPH_TIMEOUT_MS`, `SUBGRAPH_CONNECTIONS`;
 * limits `QUERY_MAX_DEPTH`, `QUERY_MAX_COST`, `QUERY_MAX_ALIASES`, `QUERY_MAX_TOKENS`,
 * `QUERY_MAX_DIRECTIVES`, `QUERY_MAX_BYTES`, `QUERY_MAX_LIST_LENGTH`; rate limits per minute
 * `RATE_LIMIT_PER_PRINCIPAL`, `RATE_LIMIT_PRINCIPAL_BURST`, `RATE_LIMIT_PER_ADDRESS`,
 * `RATE_LIMIT_ADDRESS_BURST` (`RATE_LIMIT_PER_PRINCIPAL=0` turns limiting off), `REDIS_URL`
 * (where replicas share the rate limits);
 * `TRUSTED_DOCUMENTS_FILE` (a persisted-query manifest); `SUBGRAPH_TLS_CA_FILE`,
 * `SUBGRAPH_TLS_CERT_FILE`, `SUBGRAPH_TLS_KEY_FILE`; `TRUSTED_PROXIES` (0), `CLIENT_ADDRESS_HEADER`
 * (x-forwarded-for); `QUERY_MAX_DEMAND`; the admission limit's `ADMISSION_*` (admissionOptionsFromEnv); the standard `OTEL_*`
 * variables (tracing, see tracingConfigFromEnv). In development, absent keys come from
 * .dev/keys.json (the embedded sign-on's); production refuses to start without them, without
 * a trusted-documents manifest, and with a supergraph whose subgraph URLs it will not call (a
 * placeholder, or a loopback address from the file), naming the `SUBGRAPH_<NAME>_URL` to set.
 */
export function gatewayConfigFromEnv(env: Env): GatewayConfig {
  const production = env.NODE_ENV === 'production';
  const supergraphFile = resolve(envString(env, 'SUPERGRAPH_FILE', join(repoRoot(), 'schema', 'supergraph.graphql')));
  let supergraphSdl: string;
  try {
    supergraphSdl = readFileSync(supergraphFile, 'utf8');
  } catch {
    throw new ConfigError('SUPERGRAPH_FILE', `cannot read ${supergraphFile} (run npm run compose)`);
  }
  const subgraphUrls = subgraphUrlsFromEnv(env);
  const contractsDir = env.SUPERGRAPH_CONTRACTS_DIR ?? join(dirname(supergraphFile), 'contracts');
  let contracts: ContractVariantConfig[] = [];
  try {
    contracts = contractsDir === '' ? [] : readContractVariants(resolve(contractsDir));
  } catch (error) {
    if (error instanceof ContractVariantsError) throw new ConfigError('SUPERGRAPH_CONTRACTS_DIR', error.message);
    throw error;
  }
  // Every supergraph's subgraph URLs are judged now, so a bad one stops the start naming what to
  // set; the rest of each supergraph is checked as the gateway starts.
  const urls = new SubgraphUrls(subgraphUrls, { production });
  for (const [variable, sdl] of [['SUPERGRAPH_FILE', supergraphSdl] as const, ...contracts.map((c) => ['SUPERGRAPH_CONTRACTS_DIR', c.supergraphSdl] as const)]) {
    try {
      readSubgraphUrls(sdl, urls);
    } catch (error) {
      if (!(error instanceof SupergraphRejected)) throw error;
      throw new ConfigError(error.variable ?? variable, error.message);
    }
  }
  const sandboxAuthorization = production ? undefined : envOptional(env, 'SANDBOX_AUTHORIZATION');

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
    supergraphFile,
    subgraphUrls,
    contracts,
    reload: {
      watch: envBool(env, 'SUPERGRAPH_WATCH', true),
      debounceMs: envInt(env, 'SUPERGRAPH_RELOAD_DEBOUNCE_MS', 250, { min: 0, max: 60_000 }),
      healthCheck: envBool(env, 'SUPERGRAPH_RELOAD_HEALTH_CHECK', false),
    },
    ...(sandboxAuthorization ? { sandbox: { headers: { Authorization: sandboxAuthorization } } } : {}),
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
    admission: { ...GATEWAY_ADMISSION, ...admissionOptionsFromEnv(env) },
    ...(envOptional(env, 'CLIENT_ADDRESS_HEADER') ? { clientAddressHeader: envString(env, 'CLIENT_ADDRESS_HEADER').toLowerCase() } : {}),
    tracing: tracingConfigFromEnv(env),
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
