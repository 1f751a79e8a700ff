import { join } from 'node:path';
import { launchProcess } from '../../deploy/process-launcher';
import { startProcessTopology } from '../../deploy/process-topology';
import { realisticLatency } from '../../deploy/simulators';
import { benchStores, type CountedProcess } from '../bench-stores';
import { trustedDashboardBody } from '../dashboard-request';
import { startFloorTopology } from '../floor/floor-topology';
import { BENCH_LEGACY_CONNECTIONS, profilingFlags } from '../harness';
import type { LoadResult } from '../load-main';
import { criticalPath } from '../measured-in-run';
import { processTreeCpuMs } from '../process-cpu';
import { dashboardResidents, FIRST_VIEW_POOL } from '../residents-pool';
import { fmt, type Scenario } from '../scenario';

/**
 * The steady rate CPU per dashboard is compared at: below what either layout carries (the graph in
 * one process has one core, and ~30-40 ms of CPU per dashboard), so neither the graph nor its floor
 * is queueing and the figure is the work a dashboard costs, not contention.
 */
const STEADY_RATE = 20;
/** Offered rates for capacity; the issue's target is the first. */
const RATES = [150, 300];
const CAPACITY_TARGET = 150;
/** The issue's bound on CPU per dashboard, all processes together, against the system floor. */
const FLOOR_RATIO_TARGET = 3;

type Variant = 'floor' | 'graph';

interface RunningSystem {
  url: string;
  /** Every process of it, the database and cache servers it uses included; the load generator is not among them. */
  processes: CountedProcess[];
  stop(): Promise<void>;
}

interface Layout {
  name: string;
  start: Record<Variant, () => Promise<RunningSystem>>;
}

/** What one load run measured: the load generator's figures and each process's CPU per dashboard. */
interface Measured {
  load: LoadResult;
  /** CPU ms per dashboard answered, by process name; undefined where /proc could not be read. */
  cpu: Map<string, number> | undefined;
}

/**
 * Everything on this 2-core machine, load generator included, at realistic latencies: the graph
 * in one process and as a process per service, each beside its **system floor** — the same
 * exchanges a dashboard makes, with the same request and response bytes, through stand-ins that
 * do no work (bench/floor), in the same layout. Both answer the same load in the same run, so CPU
 * per dashboard is read as a ratio to the floor, process by process.
 */
export const capacity: Scenario = {
  id: 'capacity',
  async run(harness, mode) {
    const seconds = mode === 'full' ? 30 : 10;
    const warmUpSec = mode === 'full' ? 15 : 3;
    const tokens = await harness.tokens(dashboardResidents(harness.population, FIRST_VIEW_POOL).map((p) => p.id));
    const body = trustedDashboardBody();
    const keysFile = harness.writeKeysFile();
    const faults = realisticLatency();
    // No runtime probe here: its event-loop timer would be charged to every process of both layouts.
    const flags = profilingFlags();
    const stores = await benchStores();
    const layouts: Layout[] = [
      {
        name: 'one process',
        start: {
          graph: async () => {
            const p = await launchProcess('one process', join(__dirname, '..', 'single-main.js'), {
              env: { NODE_ENV: 'production', DEV_KEYS_FILE: keysFile, SIM_FAULTS: JSON.stringify(faults), LOG_LEVEL: 'info', LEGACY_CONNECTIONS: String(BENCH_LEGACY_CONNECTIONS) },
              execArgv: flags,
            });
            return { url: Object.values(p.urls)[0]!, processes: [p], stop: () => p.stop() };
          },
          floor: async () => {
            const p = await launchProcess('one process', join(__dirname, '..', 'floor', 'embedded-floor-main.js'), {
              env: { SIM_FAULTS: JSON.stringify(faults), LEGACY_CONNECTIONS: String(BENCH_LEGACY_CONNECTIONS) },
              execArgv: flags,
            });
            return { url: Object.values(p.urls)[0]!, processes: [p], stop: () => p.stop() };
          },
        },
      },
      {
        name: 'a process per service, gateway on 2',
        start: {
          graph: async () => {
            const t = await startProcessTopology({
              keysFile,
              gatewayWorkers: 2,
              faults,
              logLevel: 'info',
              gatewayEnv: harness.productionGatewayEnv(),
              subgraphEnv: (name) => ({ ...harness.productionSubgraphEnv(name), ...stores.env }),
              legacyEnv: harness.productionLegacyEnv(),
              execArgv: flags,
            });
            return { url: t.gatewayUrl, processes: [...t.processes, ...stores.processes], stop: t.close };
          },
          floor: async () => {
            const t = await startFloorTopology({ gatewayWorkers: 2, faults, execArgv: flags, legacyConnections: BENCH_LEGACY_CONNECTIONS });
            return { url: t.gatewayUrl, processes: t.processes, stop: t.close };
          },
        },
      },
    ];

    const measure = async (system: RunningSystem, rate: number): Promise<Measured> => {
      const cpuNow = (): Array<number | undefined> => system.processes.map((p) => processTreeCpuMs(p.pid));
      const before = cpuNow();
      const load = await harness.load({ url: system.url, body, credentials: tokens, connections: 256, durationSec: seconds, overallRate: rate });
      const after = cpuNow();
      if (after.some((v) => v === undefined) || before.some((v) => v === undefined)) return { load, cpu: undefined };
      const answered = Math.max(1, load.whole);
      return { load, cpu: new Map(system.processes.map((p, i) => [p.name, (after[i]! - before[i]!) / answered])) };
    };

    const critical = criticalPath().ms;
    const results = new Map<string, Record<Variant, Record<number, Measured>>>();
    const rows: Array<Record<string, string | number>> = [];
    for (const layout of layouts) {
      const byVariant = {} as Record<Variant, Record<number, Measured>>;
      for (const variant of ['floor', 'graph'] as const) {
        const system = await layout.start[variant]();
        if (process.env.BENCH_CPU_PROF) process.stderr.write(`bench: profiles of ${layout.name}, ${variant}: ${system.processes.map((p) => `${p.name}=${p.pid}`).join(' ')}\n`);
        byVariant[variant] = {};
        try {
          // Long enough in a full run for V8's background compilers to settle: right after start-up
          // they add ~15 ms/s of CPU to a process that is otherwise idle (measured), which at 20/s
          // is charged to every dashboard.
          await harness.load({ url: system.url, body, credentials: tokens, connections: 64, durationSec: warmUpSec, overallRate: STEADY_RATE });
          for (const rate of [STEADY_RATE, ...RATES]) {
            const m = await measure(system, rate);
            byVariant[variant][rate] = m;
            rows.push({
              layout: layout.name,
              system: variant === 'floor' ? 'system floor' : 'the graph',
              'offered/s': rate,
              'achieved/s': fmt.rps(m.load.rps),
              p50: fmt.ms(m.load.p50),
              p99: fmt.ms(m.load.p99),
              'served whole': m.load.whole,
              'not whole, by code': fmt.codes(m.load.errorCodes),
              'CPU ms / dashboard, all processes': m.cpu ? total(m.cpu).toFixed(1) : '—',
            });
          }
        } finally {
          await system.stop();
        }
      }
      results.set(layout.name, byVariant);
    }

    const tables: Array<{ caption: string; rows: Array<Record<string, string | number>> }> = [];
    const ratioRows: Array<Record<string, string | number>> = [];
    const targets = [];
    for (const [layout, byVariant] of results) {
      const floorCpu = byVariant.floor[STEADY_RATE]?.cpu;
      const graphCpu = byVariant.graph[STEADY_RATE]?.cpu;
      if (floorCpu && graphCpu) {
        const ratio = total(graphCpu) / total(floorCpu);
        ratioRows.push({ layout, 'system floor': total(floorCpu).toFixed(1), 'the graph': total(graphCpu).toFixed(1), 'graph ÷ floor': fmt.ratio(ratio) });
        targets.push({
          target: `${layout}: CPU per dashboard, all processes, ≤ ${FLOOR_RATIO_TARGET}× the system floor`,
          measured: `${fmt.ratio(ratio)} (${total(graphCpu).toFixed(1)} vs ${total(floorCpu).toFixed(1)} ms)`,
          met: ratio <= FLOOR_RATIO_TARGET,
        });
        if (graphCpu.size > 1) {
          tables.push({
            caption: `Where the CPU goes, ${layout}: each process at a steady ${STEADY_RATE}/s, in CPU ms per dashboard answered, beside its stand-in in the floor (from /proc; the gateway's line counts its cluster workers; the load generator is not in it).`,
            rows: [...graphCpu.keys(), 'all of them'].map((name) => {
              const g = name === 'all of them' ? total(graphCpu) : graphCpu.get(name)!;
              const f = name === 'all of them' ? total(floorCpu) : (floorCpu.get(name) ?? 0);
              return { process: name, 'system floor': f.toFixed(2), 'the graph': g.toFixed(2), 'graph ÷ floor': f > 0 ? fmt.ratio(g / f) : '—' };
            }),
          });
        }
      }
      const atTarget = byVariant.graph[CAPACITY_TARGET];
      if (atTarget) {
        const { load } = atTarget;
        targets.push({
          target: `${layout}: ≥ ${CAPACITY_TARGET} dashboards/s with no errors and p99 ≤ 2× the critical path`,
          measured: `${fmt.rps(load.rps)}/s, p99 ${fmt.ms(load.p99)}, not whole: ${fmt.codes(load.errorCodes)}`,
          met: load.errors === 0 && load.rps >= CAPACITY_TARGET * 0.97 && load.p99 <= 2 * critical,
        });
      }
    }
    if (ratioRows.length) {
      tables.unshift({
        caption: `CPU per dashboard at a steady ${STEADY_RATE}/s, all processes together (ms), the graph beside its system floor in the same layout. Every ratio in RESULTS.md is against this floor.`,
        rows: ratioRows,
      });
    }
    return {
      name: '8. Capacity on one 2-core machine, beside the system floor',
      setup:
        (stores.processes.length
          ? `The per-service graph keeps its audit trail and outbox in PostgreSQL and its stale-if-error answers in Redis, as production does; their servers' CPU (${stores.processes.map((p) => p.name).join(', ')}) is counted with it. `
          : 'The per-service graph keeps its stores embedded, one per subgraph (no BENCH_DATABASE_URL or BENCH_REDIS_URL given). ') +
        `Every subgraph, and every subgraph stand-in, keeps ${BENCH_LEGACY_CONNECTIONS} sockets to each legacy system (LEGACY_CONNECTIONS; Little's law for 300/s at these latencies). ` +
        'Each layout runs twice in turn: as the system floor (bench/floor: gateway, subgraph and legacy stand-ins that replay the recorded exchanges of real dashboards, the same bytes in the same order, and do no other work) and as the graph. ' +
        `Each is warmed up for ${warmUpSec} s, then takes a steady ${STEADY_RATE}/s, then ${RATES.join(' and ')}/s, for ${seconds} s each at realistic latencies, everything on this machine including the load generator. ` +
        `Critical path (the legacy floor's median, ${criticalPath().source}): ${fmt.ms(critical)}.`,
      rows,
      tables,
      targets,
      notes: [
        'The floor is recorded from the graph itself (`npx tsx bench/floor/record.ts`); record it again when what a dashboard sends or receives changes.',
        'CPU per dashboard is per dashboard served whole (2xx, no GraphQL errors); the answers that were not are counted by their error code.',
      ],
    };
  },
};

function total(cpu: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const v of cpu.values()) sum += v;
  return sum;
}
