import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { gatewayConfigFromEnv, SubgraphUrls, TokenVerifier } from '../gateway';
import { ANONYMOUS, INTERNAL_CREDENTIAL_HEADER, InternalCredentialIssuer, type Principal } from '../platform/auth';

/**
 * The comparison point for the gateway-cost scenario: a stock `@apollo/gateway` as the docs set it
 * up — `startStandaloneServer`, the default fetcher, no tuning — on the same supergraph and
 * subgraphs. It verifies the token and signs the internal credential exactly as ours does,
 * because the subgraphs refuse anything else; nothing more of ours is used.
 */
async function main(): Promise<void> {
  // Whoever starts it: unless this is set, @apollo/gateway reports usage to Apollo and, as it is
  // constructed, probes four clouds' metadata endpoints. No benchmark sends traffic off the machine.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const config = gatewayConfigFromEnv(process.env);
  // Every token verified on every request, as a plain setup does; ours remembers verified tokens.
  const verifier = new TokenVerifier({ ...config.auth, verifiedCacheEntries: 0 });
  const issuer = await InternalCredentialIssuer.create({ privateJwk: config.internalPrivateJwk });
  const urls = new SubgraphUrls(config.subgraphUrls, { production: config.production });
  const gateway = new ApolloGateway({
    supergraphSdl: config.supergraphSdl,
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<{ principal: Principal }>({
        url: urls.urlFor(name, url ?? ''),
        async willSendRequest({ request, context }) {
          request.http?.headers.set(INTERNAL_CREDENTIAL_HEADER, await issuer.credentialFor(context.principal ?? ANONYMOUS, name));
        },
      }),
  });
  const server = new ApolloServer<{ principal: Principal }>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: config.port, host: config.host },
    context: async ({ req }) => {
      const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      return { principal: token ? await verifier.verify(token) : ANONYMOUS };
    },
  });
  process.stdout.write(`gateway:stock ${url.replace(/\/$/, '')}/\n`);
  const stop = (): void => void server.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`stock gateway failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
