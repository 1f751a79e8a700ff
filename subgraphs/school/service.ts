import { MeshClient } from '../../adapters/mesh';
import { developmentDefault, developmentSecret, type Env, envString, envUrl } from '../../platform/config';
import type { Logger } from '../../platform/logging';
import { DEVELOPMENT_SERVICE_TOKEN, loadContract, type SubgraphConfig, type SubgraphDefinition, type SubgraphOptions, subgraphConfigFromEnv, transportsFor } from '../kit';
import type { SchoolContext } from './context';
import { createSchoolLoaders } from './loaders';
import { schoolResolvers } from './resolvers';

/** The school subgraph's configuration: every subgraph's, plus where MESH is and its token. */
export type SchoolConfig = SubgraphConfig & {
  /** MESH's origin; the adapter adds the API paths. */
  meshUrl: string;
  /** The token MESH issued to the graph. */
  meshServiceToken: string;
};

/**
 * Standalone: `PORT` (default 4103), `MESH_URL`, `MESH_SERVICE_TOKEN` and the variables every
 * subgraph reads. Production (`NODE_ENV=production`) requires `MESH_URL` and a real token.
 */
export function schoolConfigFromEnv(env: Env): SchoolConfig {
  return {
    ...subgraphConfigFromEnv(env, 4103),
    meshUrl: envUrl(env, 'MESH_URL', developmentDefault('http://127.0.0.1:8103')),
    meshServiceToken: envString(env, 'MESH_SERVICE_TOKEN', developmentSecret(DEVELOPMENT_SERVICE_TOKEN)),
  };
}

/** The school subgraph over MESH, the school diary. */
export function createSchoolSubgraph(config: SchoolConfig, logger: Logger, options: SubgraphOptions = {}): SubgraphDefinition<SchoolContext> {
  const { transports, closeOwn } = transportsFor(options, { timeoutMs: config.legacyTimeoutMs, logger });
  const mesh = new MeshClient({ transport: transports.create('mesh', config.meshUrl), serviceToken: config.meshServiceToken });
  return {
    name: 'school',
    typeDefs: loadContract('school'),
    resolvers: schoolResolvers,
    extendContext: (base) => ({ ...base, loaders: createSchoolLoaders(mesh, base.access) }),
    close: closeOwn,
  };
}
