import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { EmiasClient, MEDICAL_DOCUMENT_KINDS } from '../adapters/emias';
import { HousingClient } from '../adapters/housing';
import { MeshClient } from '../adapters/mesh';
import { AmppClient, FinesClient } from '../adapters/parking';
import { RegistryClient } from '../adapters/registry';
import { LegacyTransport } from '../adapters/transport';
import { startNodeProcess } from '../deploy/node-process';
import { DEFAULT_SERVICE_TOKEN } from '../legacy/kit';
import { Population } from '../legacy/population';
import { repoRoot } from '../platform/config';
import { runInRequestScope } from '../platform/request-scope';
import { startOfMonth } from '../platform/time/moscow-time';
import { processTreeCpuMs } from './process-cpu';
import { dashboardResidents } from './residents-pool';

/**
 * The simulators' CPU per dashboard: `npx tsx bench/legacy-cpu.ts [--dashboards 3000] [--residents 1000]`.
 *
 * The five legacy systems run in one child process, as `deploy/legacy-main` runs them for the
 * benchmark, at the clock the floor recording was made at. This process drives them through the
 * adapters with the legacy calls a dashboard makes (the ones `bench/floor/recorded-dashboards.json`
 * holds: registry 3, EMIAS 5, MESH 3 per child, housing 3, parking 3), for many distinct residents.
 * The recording itself cannot be replayed for other people: its sessions were issued by the
 * simulators that recorded it, and its ids are those of eight residents only. Each dashboard's calls
 * go out in the recorded order (the registry first, then the rest at once), 16 dashboards at a time.
 *
 * The child's CPU comes from /proc (user + system), so this process's own work is not counted and
 * a neighbour on the shared cores moves the figure little; each round's figure is printed and the
 * median of the rounds is the result. The first round warms the JIT and is not counted.
 * `--cpu-prof-dir DIR` has the simulators' process write a V8 CPU profile there when it stops.
 */
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { dashboards: { type: 'string', default: '3000' }, residents: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '3' }, 'cpu-prof-dir': { type: 'string' } },
});
const DASHBOARDS = Number(values.dashboards);
const RESIDENTS = Number(values.residents);
const ROUNDS = Number(values.rounds);
const CONCURRENCY = 16;
/** The instant the committed floor recording was made at: the same dates, the same data. */
const SIMULATOR_NOW = '2026-11-21T12:00:00+03:00';
const TODAY = '2026-11-21';

async function main(): Promise<void> {
  const child = startNodeProcess(join(repoRoot(), 'deploy', 'legacy-main.ts'), {
    execArgv: ['-r', 'tsx/cjs', ...(values['cpu-prof-dir'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof-dir']}`] : [])],
    args: ['--now', SIMULATOR_NOW],
    env: { ...process.env, LOG_LEVEL: 'warn', SIM_FAULTS: '{}' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const urls = new Map<string, string>();
  const lines = createInterface({ input: child.stdout! });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the simulators exited (${code}) before they listened`)));
    lines.on('line', (line) => {
      const m = /^legacy:(\w+) (\S+)$/.exec(line);
      if (m) urls.set(m[1]!, m[2]!);
      if (urls.size === 6) resolve();
    });
  });
  const url = (system: string): string => urls.get(system) ?? '';
  try {
    await measure(url, child.pid!);
  } finally {
    child.kill('SIGTERM');
    // A profile is written as the process exits: wait for it.
    if (values['cpu-prof-dir']) await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function measure(url: (system: string) => string, pid: number): Promise<void> {
  // No reply cache and no fresh reads: every call of every dashboard reaches its simulator.
  const transport = (system: string, at = system) => new LegacyTransport({ system, baseUrl: url(at), timeoutMs: 10_000, connections: 32, cache: false, freshReads: false });
  const token = DEFAULT_SERVICE_TOKEN;
  const registry = new RegistryClient({ transport: transport('registry'), serviceToken: token });
  const emias = new EmiasClient({ transport: transport('emias'), serviceToken: token });
  const mesh = new MeshClient({ transport: transport('mesh'), serviceToken: token });
  const housing = new HousingClient({ transport: transport('housing'), serviceToken: token });
  const ampp = new AmppClient({ transport: transport('parking'), serviceToken: token });
  const fines = new FinesClient({ transport: transport('fines', 'parking'), serviceToken: token });

  const residents = dashboardResidents(new Population(), RESIDENTS).map((p) => String(p.id));
  const marks = { from: startOfMonth(TODAY), to: TODAY };
  const homework = { from: '2026-11-16', to: '2026-11-22' };
  const bills = { from: startOfMonth(TODAY, 4), to: startOfMonth(TODAY), unpaidOnly: false };

  /** One dashboard's legacy calls for one resident, as the subgraphs make them. */
  const dashboard = async (n: number): Promise<void> => {
    const id = residents[n % residents.length]!;
    await runInRequestScope({ requestId: `legacy-cpu-${n}`, deadline: Date.now() + 30_000, principalKey: `resident:${id}` }, async () => {
      const [persons, children] = await Promise.all([registry.getPersons([id]), registry.getChildren(id)]);
      const me = persons.get(id);
      if (!me) throw new Error(`resident ${id} is not in the registry`);
      const patient = me.omsNumber ? { omsNumber: me.omsNumber, birthDate: me.birthDate } : undefined;
      const students = children.flatMap((c) => (c.meshPersonId ? [c.meshPersonId] : []));
      const work: Promise<unknown>[] = [
        fines.getFines(me.vehicles.map((v) => v.sts)),
        ampp.getPermits(me.vehicles.map((v) => v.plate)),
        me.parkingAccountId ? ampp.getBalance(me.parkingAccountId) : Promise.resolve(),
        housing.getHomes(id).then(async (homes) => {
          await Promise.all([
            housing.getMeters(
              id,
              homes.map((h) => h.userPlaceId),
            ),
            housing.getBills(id, homes, bills),
          ]);
        }),
        registry.getChildren(id),
      ];
      if (patient) work.push(...MEDICAL_DOCUMENT_KINDS.map((kind) => emias.listDocuments(patient, kind)), emias.getAppointments(patient));
      if (students.length > 0) {
        work.push(mesh.getStudents(id, students).then(() => Promise.all([mesh.getMarks(id, students, marks), mesh.getHomework(id, students, homework)])));
      }
      await Promise.all(work);
    });
  };

  const run = async (offset: number, count: number): Promise<void> => {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < count) await dashboard(offset + next++);
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  };

  await run(0, Math.min(DASHBOARDS, 1_000));
  const perDashboard: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const before = processTreeCpuMs(pid)!;
    await run((r + 1) * DASHBOARDS, DASHBOARDS);
    const used = processTreeCpuMs(pid)! - before;
    perDashboard.push((used * 1000) / DASHBOARDS);
  }
  const sorted = [...perDashboard].sort((a, b) => a - b);
  process.stdout.write(
    `simulators' CPU per dashboard: ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} µs (median of ${ROUNDS} rounds of ${DASHBOARDS} dashboards over ${residents.length} residents; rounds ${perDashboard.map((r) => r.toFixed(0)).join(' ')} µs)\n`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
