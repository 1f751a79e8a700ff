import { demoResidents, type Person, Population } from '../legacy/population';
import { KeySeal } from '../platform/auth';
import { type KeyAudience, SEALED_KEYS, type SealedKeys } from '../subgraphs/kit';

/**
 * What proving the legacy keys costs per dashboard, in CPU: `npx tsx bench/key-seal-cost.ts`.
 * The residents subgraph seals one value per person and consuming subgraph the plan asks for; the
 * consumers open one per field that needs keys and check its shape. Timed in this process alone,
 * so the figure is the seal's own cost, apart from HTTP and GraphQL work.
 */
const ROUNDS = 10_000;

interface Work {
  seals: Array<{ audience: KeyAudience; person: Person }>;
  /** Each seal opened by this many fields (health: appointments and medicalCard). */
  opensPerSeal: Record<KeyAudience, number>;
}

/** The ResidentDashboard operation for a person: their health, housing and parking keys, each child's school keys. */
function dashboardOf(population: Population, person: Person): Work {
  const children = person.childIds.map((id) => population.person(id)!);
  return {
    seals: [{ audience: 'health', person }, { audience: 'housing', person }, { audience: 'parking', person }, ...children.map((child) => ({ audience: 'school' as const, person: child }))],
    opensPerSeal: { health: 2, housing: 1, parking: 2, school: 1 },
  };
}

function keysOf(audience: KeyAudience, p: Person): SealedKeys<KeyAudience> {
  switch (audience) {
    case 'health':
      return { omsNumber: p.omsNumber, birthDate: p.birthDate };
    case 'school':
      return { meshPersonId: p.meshPersonId };
    case 'housing':
      return { payerCodes: p.payerCodes };
    case 'parking':
      return { vehicles: p.vehicles, parkingAccountId: p.parkingAccountId };
  }
}

function runDashboard(seal: KeySeal, work: Work): number {
  let opened = 0;
  for (const { audience, person } of work.seals) {
    const token = seal.seal({ subject: String(person.id), audience, keys: keysOf(audience, person) });
    for (let i = 0; i < work.opensPerSeal[audience]; i++) {
      SEALED_KEYS[audience].parse(seal.open(token, { subject: String(person.id), audience }));
      opened++;
    }
  }
  return opened;
}

/** CPU µs per round of `fn`, after a warm-up. */
function cpuMicros(fn: () => void): number {
  for (let i = 0; i < 1_000; i++) fn();
  const start = process.cpuUsage();
  for (let i = 0; i < ROUNDS; i++) fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / ROUNDS;
}

const population = new Population();
const seal = KeySeal.fromSecret(KeySeal.generateSecret());
const family = demoResidents(population).find((d) => d.key === 'family')!.person;
const large = population.findAdult((p) => p.childIds.length === 5 && p.payerCodes.length >= 2 && p.vehicles.length >= 2);

const healthKeys = keysOf('health', family);
const pair = cpuMicros(() => {
  const token = seal.seal({ subject: String(family.id), audience: 'health', keys: healthKeys });
  seal.open(token, { subject: String(family.id), audience: 'health' });
});
const lines = [`one seal + open (health keys): ${pair.toFixed(2)} µs CPU, over ${ROUNDS} pairs`];
for (const [name, person] of [
  ['family (3 children, 2 homes, 1 car)', family],
  ['5 children, several homes and cars', large],
] as const) {
  const work = dashboardOf(population, person);
  let opens = 0;
  const perDashboard = cpuMicros(() => {
    opens = runDashboard(seal, work);
  });
  lines.push(`dashboard of ${name}: ${work.seals.length} seals, ${opens} opens: ${perDashboard.toFixed(1)} µs CPU per dashboard`);
}
process.stdout.write(`${lines.join('\n')}\n`);
