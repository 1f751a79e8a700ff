import { request } from 'undici';
import type { AuditTrail } from '../../../platform/audit';
import { ANONYMOUS, generateJwkKeyPair, INTERNAL_CREDENTIAL_HEADER, InternalCredentialIssuer, KeySeal, type Principal } from '../../../platform/auth';
import { createLogger, type Logger } from '../../../platform/logging';
import type { Clock } from '../../../platform/time';
import type { SubgraphOptions } from '../legacy-transports';
import { type KeyAudience, type SealedKeys, sealKeys } from '../sealed-keys';
import type { SubgraphConfig } from '../subgraph-config';
import type { SubgraphContext } from '../subgraph-context';
import { createSubgraphRuntime } from '../subgraph-runtime';
import { type SubgraphDefinition, startSubgraph } from '../subgraph-service';

/** A GraphQL answer as a client reads it. */
export interface GraphQLReply<TData = Record<string, unknown>> {
  status: number;
  data?: TData | null;
  errors?: Array<{ message: string; path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> }>;
}

export interface TestSubgraph {
  url: string;
  /** Posts an operation as the gateway would, with a signed credential for `as` (anonymous by default, as the gateway sends). */
  query<TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, as?: Principal): Promise<GraphQLReply<TData>>;
  /** Posts with raw headers, for tests of what a forged or missing credential gets. */
  post(body: unknown, headers: Record<string, string>): Promise<GraphQLReply>;
  /** A credential the gateway would send for `principal` to the subgraph `audience` (this one by default). */
  credentialFor(principal: Principal, audience?: string): Promise<string>;
  /** Keys sealed as the residents subgraph seals them, with this subgraph's secret. */
  seal<A extends KeyAudience>(audience: A, subjectId: string, keys: SealedKeys<A>): string;
  /** The subgraph's key seal, to open what it sealed. */
  keySeal: KeySeal;
  close(): Promise<void>;
}

/**
 * Starts a subgraph over HTTP on port 0 for tests, with fresh keys and its guardianship asking the
 * registry at `registryUrl` (a started registry simulator).
 */
export async function startTestSubgraph<C extends SubgraphConfig, TContext extends SubgraphContext>(
  create: (config: C, logger: Logger, options: SubgraphOptions) => SubgraphDefinition<TContext>,
  config: Omit<C, keyof SubgraphConfig> & { registryUrl: string },
  options: { audit?: AuditTrail; clock?: Clock } = {},
): Promise<TestSubgraph> {
  const keys = await generateJwkKeyPair('EdDSA', 'test');
  const keySealSecret = KeySeal.generateSecret();
  const keySeal = KeySeal.fromSecret(keySealSecret);
  const fullConfig = {
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    internalPublicJwk: keys.publicJwk,
    keySealSecret,
    registryServiceToken: 'dev-service-token',
    requestBudgetMs: 5_000,
    legacyTimeoutMs: 2_000,
    // Tests watch every call reach the simulator; the fresh cache has tests of its own.
    legacyFreshReads: false,
    ...config,
  } as unknown as C;
  const logger = createLogger({ service: 'test', level: 'silent' });
  const runtime = await createSubgraphRuntime(fullConfig, logger, options);
  const definition = create(fullConfig, logger, { transports: runtime.transports });
  const running = await startSubgraph(definition, runtime, { port: 0 });
  const issuer = await InternalCredentialIssuer.create({ privateJwk: keys.privateJwk });

  const post = async (body: unknown, headers: Record<string, string>): Promise<GraphQLReply> => {
    const res = await request(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await res.body.text();
    return { status: res.statusCode, ...(JSON.parse(text) as object) };
  };

  return {
    url: running.url,
    post,
    async query<TData>(query: string, variables?: Record<string, unknown>, as: Principal = ANONYMOUS) {
      const headers = { [INTERNAL_CREDENTIAL_HEADER]: await issuer.credentialFor(as, definition.name) };
      return (await post({ query, variables }, headers)) as GraphQLReply<TData>;
    },
    credentialFor: (principal, audience = definition.name) => issuer.credentialFor(principal, audience),
    seal: (audience, subjectId, sealed) => sealKeys(keySeal, audience, subjectId, sealed),
    keySeal,
    close: async () => {
      await running.close();
      await runtime.close();
    },
  };
}
