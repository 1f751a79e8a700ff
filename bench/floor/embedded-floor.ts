import { LEGACY_SYSTEMS, type LegacySystem, type SystemFaults } from '../../deploy/simulators';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../schema';
import { startGatewayStandIn } from './gateway-stand-in';
import { startLegacyStandIn } from './legacy-stand-in';
import type { FloorRecording } from './recorded-dashboards';
import type { StandIn } from './replay-server';
import { startSubgraphStandIn } from './subgraph-stand-in';

/** The system floor in one process, laid out as the embedded graph is: every stand-in on its own port. */
export interface EmbeddedFloor {
  gateway: StandIn;
  subgraphs: Record<SubgraphName, StandIn>;
  legacy: Record<LegacySystem, StandIn>;
  /** Where a client sends the dashboard (the stand-in takes any path). */
  graphqlUrl: string;
  close(): Promise<void>;
}

/** Starts the five legacy stand-ins, the five subgraph stand-ins and the gateway stand-in. */
export async function startEmbeddedFloor(recording: FloorRecording, faults: SystemFaults = {}, legacyConnections?: number): Promise<EmbeddedFloor> {
  const legacy = {} as Record<LegacySystem, StandIn>;
  for (const system of LEGACY_SYSTEMS) legacy[system] = await startLegacyStandIn(system, recording, faults);
  const legacyUrls = Object.fromEntries(LEGACY_SYSTEMS.map((s) => [s, legacy[s].url])) as Record<LegacySystem, string>;
  const subgraphs = {} as Record<SubgraphName, StandIn>;
  for (const name of SUBGRAPH_NAMES) subgraphs[name] = await startSubgraphStandIn(name, recording, legacyUrls, legacyConnections);
  const gateway = await startGatewayStandIn(recording, Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, `${subgraphs[n].url}/graphql`])) as Record<SubgraphName, string>);
  return {
    gateway,
    subgraphs,
    legacy,
    graphqlUrl: `${gateway.url}/graphql`,
    close: async () => {
      await gateway.close();
      await Promise.all(Object.values(subgraphs).map((s) => s.close()));
      await Promise.all(Object.values(legacy).map((s) => s.close()));
    },
  };
}
