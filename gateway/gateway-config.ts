import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JSONWebKeySet, JWK } from 'jose';
import { ConfigError, envInt, envOptional, envString, envUrl, repoRoot, type Env } from '../platform/config';
import { SUBGRAPH_NAMES, type SubgraphName } from '../schema';
import { DEFAULT_AUDIENCE, DEV_ISSUER } from './auth';

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
    jwks: { url: string } | { keys: JSONWebKeySet };
    issuer: string;
    audience: string;
  };
  /** Signs the internal credentials the subgraphs verify. */
  internalPrivateJwk: JWK;
  /** A subgraph call that has not answered by then is cut; longer than a subgraph's own budget. */
  subgraphTimeoutMs: number;
  /** Keep-alive sockets per subgraph. */
  subgraphConnections: number;
}

interface DevKeysFile {
  signOn: { publicJwk: JWK };
  internal: { privateJwk: JWK };
}

/**
 * `PORT` (4000), `HOST`, `NODE_ENV`, `LOG_LEVEL`, `SUPERGRAPH_FILE` (schema/supergraph.graphql),
 * `SUBGRAPH_<NAME>_URL` for residents, health, school, housing and parking, `AUTH_JWKS_URL`,
 * `AUTH_ISSUER`, `AUTH_AUDIENCE`, `INTERNAL_CREDENTIAL_PRIVATE_JWK`, `SUBGRAPH_TIMEOUT_MS`,
 * `SUBGRAPH_CONNECTIONS`. In development, absent keys come from .dev/keys.json (the embedded
 * sign-on's); production refuses to start without them.
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

  return {
    port: envInt(env, 'PORT', 4000, { min: 0, max: 65_535 }),
    host: envString(env, 'HOST', '127.0.0.1'),
    production,
    logLevel: envString(env, 'LOG_LEVEL', 'info'),
    supergraphSdl,
    subgraphUrls,
    auth: {
      jwks: jwksUrl ? { url: envUrl(env, 'AUTH_JWKS_URL') } : { keys: { keys: [(devKeys as DevKeysFile).signOn.publicJwk] } },
      issuer: envString(env, 'AUTH_ISSUER', jwksUrl ? undefined : DEV_ISSUER),
      audience: envString(env, 'AUTH_AUDIENCE', DEFAULT_AUDIENCE),
    },
    internalPrivateJwk,
    subgraphTimeoutMs: envInt(env, 'SUBGRAPH_TIMEOUT_MS', 10_000, { min: 100 }),
    subgraphConnections: envInt(env, 'SUBGRAPH_CONNECTIONS', 64, { min: 1 }),
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
