import { join } from 'node:path';
import { type LaunchedProcess, launchProcess } from '../../deploy/process-launcher';
import { LEGACY_SYSTEMS, type LegacySystem, type SystemFaults } from '../../deploy/simulators';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../schema';

export interface FloorTopologyOptions {
  /** Gateway stand-in processes sharing its port, as the gateway's cluster workers do. */
  gatewayWorkers?: number;
  /** The simulators' latencies; the legacy stand-ins wait as long. */
  faults?: SystemFaults;
  /** Extra node flags for every process (the benchmark's runtime probe, a profiler). */
  execArgv?: string[];
  /** Sockets from each subgraph stand-in to each legacy system: the graph's `LEGACY_CONNECTIONS`. */
  legacyConnections?: number;
}

/** The floor as separate processes: where the gateway stand-in listens, and every process. */
export interface FloorTopology {
  gatewayUrl: string;
  processes: LaunchedProcess[];
  close(): Promise<void>;
}

/** Runs from `dist/` as built, or from the TypeScript sources under tsx (tests). */
function entryPoint(file: string): { entry: string; execArgv: string[] } {
  return __filename.endsWith('.ts') ? { entry: join(__dirname, `${file}.ts`), execArgv: ['-r', 'tsx/cjs'] } : { entry: join(__dirname, `${file}.js`), execArgv: [] };
}

/**
 * The system floor laid out as `deploy/process-topology` lays out the graph: the legacy stand-ins in
 * one process (as the simulators are), each subgraph's stand-in in its own, and the gateway's stand-in
 * on `gatewayWorkers` cluster workers. Process names match the graph's, so their CPU lines up.
 */
export async function startFloorTopology(options: FloorTopologyOptions = {}): Promise<FloorTopology> {
  const processes: LaunchedProcess[] = [];
  const close = async (): Promise<void> => {
    await Promise.all([...processes].reverse().map((p) => p.stop()));
  };
  const launch = async (name: string, file: string, env: Record<string, string>, expectUrls = 1): Promise<LaunchedProcess> => {
    const { entry, execArgv } = entryPoint(file);
    const launched = await launchProcess(name, entry, { env, execArgv: [...execArgv, ...(options.execArgv ?? [])], expectUrls });
    processes.push(launched);
    return launched;
  };
  try {
    const legacy = await launch('legacy', 'legacy-stand-ins-main', { SIM_FAULTS: JSON.stringify(options.faults ?? {}) }, LEGACY_SYSTEMS.length);
    const legacyUrls = Object.fromEntries(LEGACY_SYSTEMS.map((s) => [s, legacy.urls[`legacy:${s}`] as string])) as Record<LegacySystem, string>;
    const subgraphs = await Promise.all(
      SUBGRAPH_NAMES.map((name) =>
        launch(`subgraph:${name}`, 'subgraph-stand-in-main', {
          FLOOR_SUBGRAPH: name,
          FLOOR_LEGACY_URLS: JSON.stringify(legacyUrls),
          ...(options.legacyConnections ? { LEGACY_CONNECTIONS: String(options.legacyConnections) } : {}),
        }),
      ),
    );
    const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [name, Object.values(subgraphs[i]!.urls)[0] as string])) as Record<SubgraphName, string>;
    const gateway = await launch('gateway', 'gateway-stand-in-main', { FLOOR_SUBGRAPH_URLS: JSON.stringify(subgraphUrls), GATEWAY_WORKERS: String(options.gatewayWorkers ?? 1) });
    return { gatewayUrl: Object.values(gateway.urls)[0] as string, processes, close };
  } catch (error) {
    await close();
    throw error;
  }
}
