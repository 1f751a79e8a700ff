import { createAcquirerSimulator } from '../legacy/acquirer';
import { createEmiasSimulator } from '../legacy/emias';
import { createHousingSimulator } from '../legacy/housing';
import type { FaultRule, SimulatorDefinition, SimulatorDeps } from '../legacy/kit';
import { createMeshSimulator } from '../legacy/mesh';
import { createParkingSimulator } from '../legacy/parking';
import { createRegistrySimulator } from '../legacy/registry';

/**
 * The legacy systems the graph talks to, and the card acquirer (the bank that takes the residents'
 * payments): each is simulated, started by the embedded system and `deploy/legacy-main`.
 */
export const LEGACY_SYSTEMS = ['registry', 'emias', 'mesh', 'housing', 'parking', 'acquirer'] as const;
export type LegacySystem = (typeof LEGACY_SYSTEMS)[number];

/** The simulators, by system name. */
export const SIMULATORS: Record<LegacySystem, (deps: SimulatorDeps) => SimulatorDefinition> = {
  registry: createRegistrySimulator,
  emias: createEmiasSimulator,
  mesh: createMeshSimulator,
  housing: createHousingSimulator,
  parking: createParkingSimulator,
  acquirer: createAcquirerSimulator,
};

/** Faults per system from the environment (`SIM_FAULTS` as JSON), e.g. realistic latency for a benchmark. */
export type SystemFaults = Partial<Record<LegacySystem, FaultRule[]>>;

/**
 * Latencies the city's own reports describe: tens to hundreds of milliseconds a call. `scale`
 * shrinks or stretches them; jitter is a fifth of each.
 */
export function realisticLatency(scale = 1): SystemFaults {
  const base: Record<LegacySystem, number> = { registry: 10, emias: 120, mesh: 60, housing: 80, parking: 40, acquirer: 150 };
  return Object.fromEntries(
    Object.entries(base).map(([system, ms]) => [system, [{ latencyMs: Math.round(ms * scale * 0.9), jitterMs: Math.round(ms * scale * 0.2) }]]),
  ) as SystemFaults;
}
