import { type Env, isProduction } from '../platform/config';
import { SUBGRAPH_NAMES, type SubgraphName } from '../schema';

/** A deployable service and what it must be given to run with `NODE_ENV=production`. */
export interface ProductionService {
  /** Its entry point after `npm run build`. */
  entry: string;
  /** Variables it refuses to start without in production (each check names the one missing). */
  required: ReadonlyArray<string>;
}

const SUBGRAPH_SYSTEM_VARIABLES: Record<SubgraphName, ReadonlyArray<string>> = {
  residents: [],
  health: ['EMIAS_URL', 'EMIAS_SERVICE_TOKEN'],
  school: ['MESH_URL', 'MESH_SERVICE_TOKEN'],
  housing: ['HOUSING_URL', 'HOUSING_SERVICE_TOKEN'],
  parking: ['PARKING_URL', 'PARKING_SERVICE_TOKEN'],
  payments: ['ACQUIRER_URL', 'ACQUIRER_SERVICE_TOKEN', 'HOUSING_URL', 'HOUSING_SERVICE_TOKEN', 'PARKING_URL', 'PARKING_SERVICE_TOKEN'],
};

/**
 * How production runs: every service from its own entry point with its configuration in the
 * environment. Kept in one place so that the refusal of `npm start` tells the truth;
 * `production-posture.test.ts` holds each service's configuration to exactly this list.
 */
export const PRODUCTION_SERVICES: Readonly<Record<'gateway' | SubgraphName, ProductionService>> = {
  gateway: {
    entry: 'dist/gateway/main.js',
    required: ['AUTH_JWKS_URL', 'AUTH_ISSUER', 'INTERNAL_CREDENTIAL_PRIVATE_JWK', 'TRUSTED_DOCUMENTS_FILE', ...SUBGRAPH_NAMES.map((name) => `SUBGRAPH_${name.toUpperCase()}_URL`)],
  },
  residents: subgraph('residents'),
  health: subgraph('health'),
  school: subgraph('school'),
  housing: subgraph('housing'),
  parking: subgraph('parking'),
  payments: subgraph('payments'),
};

function subgraph(name: SubgraphName): ProductionService {
  return {
    entry: `dist/subgraphs/${name}/main.js`,
    required: ['INTERNAL_CREDENTIAL_PUBLIC_JWK', 'KEY_SEAL_SECRET', 'REGISTRY_URL', 'REGISTRY_SERVICE_TOKEN', ...SUBGRAPH_SYSTEM_VARIABLES[name]],
  };
}

/**
 * Why `command` (a development convenience: `npm start`, the simulators in one process) does not
 * run in production, and how production is run instead.
 */
export function productionRefusal(command: string): string {
  const services = Object.values(PRODUCTION_SERVICES);
  const width = Math.max(...services.map((s) => s.entry.length)) + 7;
  return [
    `${command} runs the development default: simulated legacy systems, a development sign-on that`,
    'issues tokens for anyone, development keys and tokens, and simulators whose /__admin endpoints',
    'take faults from anyone. It does not run with NODE_ENV=production.',
    '',
    'Production runs every service from its own entry point (npm run build first), configured by',
    'its environment; a service missing any of these refuses to start and names it:',
    ...services.map((s) => `  ${`node ${s.entry}`.padEnd(width)} ${s.required.join(' ')}`),
    '',
    "The legacy systems are the city's own. A simulator run with NODE_ENV=production",
    '(node dist/legacy/<system>/main.js) needs --service-token, and serves /__admin only when',
    'SIM_ADMIN_TOKEN is set. See README.md, "Run each service alone".',
  ].join('\n');
}

/**
 * Stops a development-only entry point at once under `NODE_ENV=production`, before it creates
 * keys or starts anything, with productionRefusal on stderr: never silently development.
 */
export function refuseInProduction(command: string, env: Env = process.env): void {
  if (!isProduction(env)) return;
  process.stderr.write(`${productionRefusal(command)}\n`);
  process.exit(1);
}
