import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import type { JWK } from 'jose';
import { INTERNAL_CREDENTIAL_HEADER, InternalCredentialVerifier, type Principal } from '../../../platform/auth';
import { graphqlError } from '../../../platform/errors';

/** A department's own small subgraph: the city library extends the resident with a library card. */
export const LIBRARY_CONTRACT = /* GraphQL */ `
extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

type Query {
  """
  Today's opening hours of the central library.
  """
  libraryOpeningHours: String
}

type Resident @key(fields: "id") {
  id: ID!
  libraryCard: LibraryCard
}

type LibraryCard {
  number: String!
  booksOut: Int!
}
`;

/** What is wrong with the library's implementation, on purpose. */
export type LibraryFlaw = 'none' | 'dropped-field' | 'changed-type' | 'leaked-stack' | 'open-entities' | 'slow-entities';

/** The SDL the flawed implementation is built from (and so serves at `_service`). */
function servedTypeDefs(flaw: LibraryFlaw): string {
  if (flaw === 'dropped-field') return LIBRARY_CONTRACT.replace('  booksOut: Int!\n', '');
  if (flaw === 'changed-type') return LIBRARY_CONTRACT.replace('booksOut: Int!', 'booksOut: String!');
  return LIBRARY_CONTRACT;
}

interface LibraryContext {
  principal?: Principal;
}

export interface RunningLibrary {
  url: string;
  /** A schema folder holding only the library's contract. */
  schemaDir: string;
  close(): Promise<void>;
}

/**
 * Starts the library subgraph on port 0 as a department would write it with Apollo's libraries:
 * done right (`none`), or with one flaw the conformance kit must name.
 */
export async function startLibrary(flaw: LibraryFlaw, gatewayPublicJwk: JWK): Promise<RunningLibrary> {
  const verifier = await InternalCredentialVerifier.create(gatewayPublicJwk);
  const resolvers = {
    Query: { libraryOpeningHours: () => '10:00-22:00' },
    Resident: {
      __resolveReference(reference: { id: string }, context: LibraryContext) {
        if (flaw === 'slow-entities') return new Promise(() => undefined);
        if (!/^\d{1,9}$/.test(reference.id)) {
          // The flawed library lets a database error (with its address) and its stack reach the caller.
          if (flaw === 'leaked-stack') throw new Error('connect ECONNREFUSED 10.20.0.7:5432 (catalogue database)');
          throw graphqlError('BAD_USER_INPUT', 'Not a person id.', { field: 'id' });
        }
        if (flaw !== 'open-entities') {
          const principal = context.principal;
          if (principal?.kind !== 'resident' || principal.personId !== reference.id) throw graphqlError('FORBIDDEN');
        }
        return { id: reference.id };
      },
      libraryCard: (resident: { id: string }) => ({ number: `L-${resident.id}`, booksOut: flaw === 'changed-type' ? 'two' : 2 }),
    },
  };
  const server = new ApolloServer<LibraryContext>({
    schema: buildSubgraphSchema([{ typeDefs: parse(servedTypeDefs(flaw)), resolvers: resolvers as never }]),
    includeStacktraceInErrorResponses: flaw === 'leaked-stack',
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => {
      const credential = req.headers[INTERNAL_CREDENTIAL_HEADER];
      // The open flaw: it never asks who is calling, so anyone reaches _service and _entities.
      if (flaw === 'open-entities') return {};
      try {
        if (typeof credential !== 'string') throw new Error('no credential');
        return { principal: await verifier.verify(credential, 'library') };
      } catch {
        throw new GraphQLError('The request did not come through the gateway.', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      }
    },
  });
  const root = mkdtempSync(join(tmpdir(), 'library-'));
  const schemaDir = join(root, 'schema');
  mkdirSync(schemaDir);
  writeFileSync(join(schemaDir, 'library.graphql'), LIBRARY_CONTRACT);
  return {
    url,
    schemaDir,
    close: async () => {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
