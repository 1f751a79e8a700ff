import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { EmiasClient, MEDICAL_DOCUMENT_KINDS } from '../adapters/emias';
import { HousingClient } from '../adapters/housing';
import { MeshClient } from '../adapters/mesh';
import { AmppClient, FinesClient } from '../adapters/parking';
import { RegistryClient } from '../adapters/registry';
import { LegacyTransport } from '../adapters/transport';
import { DEFAULT_SERVICE_TOKEN } from '../legacy/kit';
import { runInRequestScope } from '../platform/request-scope';
import { percentile } from './stats';

/** What the floor driver is asked to do. */
export interface FloorPlan {
  simulators: Record<'registry' | 'emias' | 'mesh' | 'housing' | 'parking', string>;
  personIds: string[];
  rate: number;
  durationSec: number;
}

/** The subgraphs' default request budget: the floor's legacy calls end by what the graph's would. */
const DASHBOARD_BUDGET_MS = 8_000;

/**
 * The legacy floor: the dashboard's legacy calls made straight through the adapters, in the order
 * the data forces (the person, then the children, then the four systems in parallel, housing's
 * meters and bills after its homes), with no GraphQL, no gateway and no subgraph. Its latency at
 * the same rate is the critical path "as the simulators actually delayed"; the graph's overhead
 * is what the dashboard takes beyond it. Prints `result {"p50":…,"p99":…,"count":…,"errors":…}`.
 */
async function main(): Promise<void> {
  const plan = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as FloorPlan;
  // No answer served from a cache and no per-resident share: the floor is every legacy call, live.
  const transport = (system: string, url: string) => new LegacyTransport({ system, baseUrl: url, timeoutMs: 5_000, connections: 128, cache: false, fairShare: false });
  const registry = new RegistryClient({ transport: transport('registry', plan.simulators.registry), serviceToken: DEFAULT_SERVICE_TOKEN });
  const emias = new EmiasClient({ transport: transport('emias', plan.simulators.emias), serviceToken: DEFAULT_SERVICE_TOKEN });
  const mesh = new MeshClient({ transport: transport('mesh', plan.simulators.mesh), serviceToken: DEFAULT_SERVICE_TOKEN });
  const housing = new HousingClient({ transport: transport('housing', plan.simulators.housing), serviceToken: DEFAULT_SERVICE_TOKEN });
  const ampp = new AmppClient({ transport: transport('parking', plan.simulators.parking), serviceToken: DEFAULT_SERVICE_TOKEN });
  const fines = new FinesClient({ transport: transport('fines', plan.simulators.parking), serviceToken: DEFAULT_SERVICE_TOKEN });
  // Signed in before the run, as the services are when they start: the floor has no sign-in in it.
  await runInRequestScope({ requestId: randomUUID(), deadline: Date.now() + DASHBOARD_BUDGET_MS }, () => Promise.all([emias.prime(), housing.openSession(), ampp.openSession()]));

  const dashboard = async (personId: string): Promise<void> => {
    const person = (await registry.getPersons([personId])).get(personId);
    if (!person) throw new Error('no such person');
    const patient = { omsNumber: person.omsNumber ?? '', birthDate: person.birthDate };
    await Promise.all([
      Promise.all([emias.getAppointments(patient), ...MEDICAL_DOCUMENT_KINDS.map((kind) => emias.listDocuments(patient, kind))]),
      (async () => {
        const children = await registry.getChildren(personId);
        const pupils = children.map((c) => c.meshPersonId).filter((id): id is string => id !== null);
        if (pupils.length === 0) return;
        await Promise.all([
          mesh.getStudents(personId, pupils),
          mesh.getMarks(personId, pupils, { from: '2026-11-01', to: '2026-11-21' }),
          mesh.getHomework(personId, pupils, { from: '2026-11-16', to: '2026-11-22' }),
        ]);
      })(),
      (async () => {
        if (person.payerCodes.length === 0) return;
        const homes = await housing.getHomes(personId);
        await Promise.all([
          housing.getMeters(
            personId,
            homes.map((h) => h.userPlaceId),
          ),
          housing.getBills(personId, homes, { from: '2026-07-01', to: '2026-11-01' }),
        ]);
      })(),
      Promise.all([
        person.parkingAccountId ? ampp.getBalance(person.parkingAccountId) : undefined,
        person.vehicles.length ? ampp.getPermits(person.vehicles.map((v) => v.plate)) : undefined,
        person.vehicles.length ? fines.getFines(person.vehicles.map((v) => v.sts)) : undefined,
      ]),
    ]);
  };

  const latencies: number[] = [];
  let errors = 0;
  /** Why calls failed, counted: a floor with errors is no floor, and the reason says whose fault it is. */
  const errorKinds: Record<string, number> = {};
  const inFlight = new Set<Promise<void>>();
  const interval = 1000 / plan.rate;
  const end = Date.now() + plan.durationSec * 1000;
  for (let i = 0, next = Date.now(); Date.now() < end; i++, next += interval) {
    const wait = next - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const started = performance.now();
    const personId = plan.personIds[i % plan.personIds.length] as string;
    // Each dashboard is one request, as in the graph: its calls carry its id and end by its deadline.
    const run = runInRequestScope({ requestId: randomUUID(), deadline: Date.now() + DASHBOARD_BUDGET_MS }, () => dashboard(personId)).then(
      () => void latencies.push(performance.now() - started),
      (error: unknown) => {
        errors++;
        const kind = `${(error as Error).name}: ${(error as Error).message}`.slice(0, 120);
        errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
      },
    );
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
  }
  await Promise.all(inFlight);
  latencies.sort((a, b) => a - b);
  process.stdout.write(`result ${JSON.stringify({ p50: percentile(latencies, 50), p99: percentile(latencies, 99), count: latencies.length, errors, errorKinds })}\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`floor driver failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
