import { join } from 'node:path';
import type { DevKeys } from '../legacy/sign-on';
import { repoRoot } from '../platform/config';
import { SUBGRAPH_NAMES, type SubgraphName } from '../schema';
import { ACQUIRER_CALLBACK_PATH } from '../subgraphs/payments';
import { configureAcquirerCallback } from './acquirer-callback';
import { GATEWAY_NODE_FLAGS } from './gateway-heap';
import { type LaunchedProcess, launchProcess } from './process-launcher';
import { LEGACY_SYSTEMS, type LegacySystem, type SystemFaults } from './simulators';
import { YOUNG_GENERATION_FLAGS } from './young-generation';

export interface ProcessTopologyOptions {
  /** The gateway's port; 0 takes a free one. */
  gatewayPort?: number;
  /** Gateway processes sharing the port (cluster); 1 runs the gateway's entry point directly. */
  gatewayWorkers?: number;
  /** The development keys file the gateway, the subgraphs and `npm run token` share. */
  keysFile: string;
  faults?: SystemFaults;
  logLevel?: string;
  /** Extra node flags for every process (a benchmark preloads its runtime probe). */
  execArgv?: string[];
  /** Settings for the gateway besides where its subgraphs are (production keys, trusted documents). */
  gatewayEnv?: Record<string, string>;
  /** Settings for every subgraph besides where the others are (the production posture, a database). */
  subgraphEnv?: Record<string, string> | ((name: SubgraphName) => Record<string, string>);
  /** Settings for the simulators' process (`SIM_SERVICE_TOKEN`). */
  legacyEnv?: Record<string, string>;
  /** Where the services' own output goes (default: dropped). */
  onOutput?: (service: string, line: string) => void;
  /** Variables every process gets besides its own wiring (the `OTEL_*` of a collector). */
  env?: Record<string, string>;
}

/** The graph as separate processes: one for the simulators, one per subgraph, the gateway. */
export interface ProcessTopology {
  gatewayUrl: string;
  simulatorUrls: Record<LegacySystem, string>;
  subgraphUrls: Record<SubgraphName, string>;
  processes: LaunchedProcess[];
  close(): Promise<void>;
}

const SUBGRAPH_SYSTEM_ENV: Record<SubgraphName, (sims: Record<LegacySystem, string>) => Record<string, string>> = {
  residents: () => ({}),
  health: (s) => ({ EMIAS_URL: s.emias }),
  school: (s) => ({ MESH_URL: s.mesh }),
  housing: (s) => ({ HOUSING_URL: s.housing }),
  parking: (s) => ({ PARKING_URL: s.parking, FINES_URL: s.parking }),
  payments: (s) => ({ ACQUIRER_URL: s.acquirer, HOUSING_URL: s.housing, PARKING_URL: s.parking, FINES_URL: s.parking }),
};

/** Runs from `dist/` as built, or from the TypeScript sources under tsx (tests). */
function entryPoint(relative: string): { entry: string; execArgv: string[] } {
  const fromSources = __filename.endsWith('.ts');
  return fromSources ? { entry: join(repoRoot(), `${relative}.ts`), execArgv: ['-r', 'tsx/cjs'] } : { entry: join(repoRoot(), 'dist', `${relative}.js`), execArgv: [] };
}

/**
 * Starts every service as its own process, wired by environment variables exactly as separate
 * containers would be: `npm start -- --processes`, and the multi-process side of the benchmark.
 */
export async function startProcessTopology(options: ProcessTopologyOptions): Promise<ProcessTopology> {
  const processes: LaunchedProcess[] = [];
  const close = async (): Promise<void> => {
    await Promise.all([...processes].reverse().map((p) => p.stop()));
  };
  const launch = async (name: string, relative: string, env: Record<string, string>, expectUrls = 1, flags: readonly string[] = []): Promise<LaunchedProcess> => {
    const { entry, execArgv } = entryPoint(relative);
    const launched = await launchProcess(name, entry, {
      env: { LOG_LEVEL: options.logLevel ?? 'warn', ...options.env, ...env },
      execArgv: [...execArgv, ...flags, ...(options.execArgv ?? [])],
      expectUrls,
      onOutput: (line) => options.onOutput?.(name, line),
    });
    processes.push(launched);
    return launched;
  };

  try {
    const legacy = await launch('legacy', 'deploy/legacy-main', { ...options.legacyEnv, SIM_FAULTS: JSON.stringify(options.faults ?? {}) }, LEGACY_SYSTEMS.length, YOUNG_GENERATION_FLAGS);
    const simulatorUrls = Object.fromEntries(LEGACY_SYSTEMS.map((s) => [s, legacy.urls[`legacy:${s}`] as string])) as Record<LegacySystem, string>;
    const { readFileSync } = await import('node:fs');
    const keys = JSON.parse(readFileSync(options.keysFile, 'utf8')) as Pick<DevKeys, 'internal' | 'keySeal'>;
    const common = { PORT: '0', REGISTRY_URL: simulatorUrls.registry, INTERNAL_CREDENTIAL_PUBLIC_JWK: JSON.stringify(keys.internal.publicJwk), KEY_SEAL_SECRET: keys.keySeal };
    const subgraphs = await Promise.all(
      SUBGRAPH_NAMES.map((name) => {
        const own = typeof options.subgraphEnv === 'function' ? options.subgraphEnv(name) : options.subgraphEnv;
        return launch(`subgraph:${name}`, `subgraphs/${name}/main`, { ...own, ...common, ...SUBGRAPH_SYSTEM_ENV[name](simulatorUrls) }, 1, YOUNG_GENERATION_FLAGS);
      }),
    );
    const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [name, Object.values(subgraphs[i]!.urls)[0] as string])) as Record<SubgraphName, string>;
    // The bank notifies the payments subgraph's callback, as its operator would configure it. With
    // the simulators' admin closed (SIM_ADMIN_TOKEN) it stays unset: payments then settle by reconciliation.
    await configureAcquirerCallback(simulatorUrls.acquirer, `${new URL(subgraphUrls.payments).origin}${ACQUIRER_CALLBACK_PATH}`).catch(() => undefined);
    const gatewayEnv = {
      ...options.gatewayEnv,
      PORT: String(options.gatewayPort ?? 0),
      DEV_KEYS_FILE: options.keysFile,
      GATEWAY_WORKERS: String(options.gatewayWorkers ?? 1),
      ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_${name.toUpperCase()}_URL`, subgraphUrls[name]])),
    };
    const workers = options.gatewayWorkers ?? 1;
    // Cluster workers inherit the primary's flags.
    const gateway = await launch('gateway', workers > 1 ? 'deploy/gateway-cluster-main' : 'gateway/main', gatewayEnv, 1, GATEWAY_NODE_FLAGS);
    return { gatewayUrl: Object.values(gateway.urls)[0] as string, simulatorUrls, subgraphUrls, processes, close };
  } catch (error) {
    await close();
    throw error;
  }
}
