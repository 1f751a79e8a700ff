import { type EmbeddedSystem, type LegacySystem, startEmbeddedSystem } from '../../deploy/embedded-system';
import { RESIDENT_DASHBOARD } from '../../operations';
import { postGraphQL } from '../support/graphql-client';

interface Dashboard {
  me: {
    fullName: string;
    appointments: unknown[] | null;
    medicalCard: unknown;
    children: Array<{ student: unknown }>;
    homes: Array<{ meters: unknown[] | null; bills: unknown[] | null }> | null;
    vehicles: Array<{ fines: unknown[] | null; residentPermit: unknown }> | null;
    parkingAccount: unknown;
  } | null;
}

/** Which part of the dashboard each legacy system feeds, and what the error names it. */
const SECTIONS: Array<{ system: LegacySystem; errorSystems: string[]; check: (me: NonNullable<Dashboard['me']>) => void }> = [
  { system: 'emias', errorSystems: ['emias'], check: (me) => expect(me.appointments).toBeNull() },
  { system: 'mesh', errorSystems: ['mesh'], check: (me) => expect(me.children.map((c) => c.student)).toEqual(me.children.map(() => null)) },
  { system: 'housing', errorSystems: ['housing'], check: (me) => expect(me.homes).toBeNull() },
  { system: 'parking', errorSystems: ['parking', 'fines'], check: (me) => expect(me.parkingAccount).toBeNull() },
];

describe('a legacy system down', () => {
  let system: EmbeddedSystem;
  const used = new Set<number>();
  /** A resident with every section filled whom nothing has read yet, so no cache can answer for the system that is down. */
  const freshFamily = async (): Promise<string> => {
    const person = system.population.findAdult(
      (p) => !used.has(p.id) && p.childIds.some((id) => system.population.person(id)?.meshPersonId) && p.payerCodes.length > 0 && p.vehicles.length > 0,
    );
    used.add(person.id);
    return system.tokenFor(person.id);
  };

  beforeAll(async () => {
    system = await startEmbeddedSystem({ now: new Date('2026-11-21T12:00:00+03:00'), logLevel: 'silent' });
  });
  afterAll(() => system.close());
  afterEach(() => {
    for (const sim of Object.values(system.simulators)) sim.faults.clear();
  });

  it.each(SECTIONS)('$system down nulls only its own fields and names itself', async ({ system: down, errorSystems, check }) => {
    const token = await freshFamily();
    system.simulators[down].faults.set({ down: true });
    const reply = await postGraphQL<Dashboard>(system.gateway.graphqlUrl, RESIDENT_DASHBOARD, { token });
    const me = reply.data?.me;
    expect(me).toBeTruthy();
    expect(me!.fullName.length).toBeGreaterThan(0);
    check(me!);
    // Every error names the failed system with a legacy code; nothing else failed.
    expect(reply.errors?.length).toBeGreaterThan(0);
    for (const error of reply.errors ?? []) {
      expect(error.extensions?.code).toBe('LEGACY_UNAVAILABLE');
      expect(errorSystems).toContain(error.extensions?.system);
    }
    // The other sections are whole.
    if (down !== 'emias') expect(me!.appointments).not.toBeNull();
    if (down !== 'housing') expect(me!.homes).not.toBeNull();
    if (down !== 'mesh') expect(me!.children.some((c) => c.student !== null)).toBe(true);
    if (down !== 'parking') expect(me!.parkingAccount).not.toBeNull();
    expect(JSON.stringify(reply)).not.toMatch(/127\.0\.0\.1|stack|at \//);
  });

  it('serves what it read a moment ago when the system then goes down, marked stale with its time', async () => {
    const token = await freshFamily();
    const healthy = await postGraphQL<Dashboard>(system.gateway.graphqlUrl, RESIDENT_DASHBOARD, { token });
    expect(healthy.errors).toBeUndefined();
    system.simulators.mesh.faults.set({ down: true });
    const degraded = await postGraphQL<Dashboard>(system.gateway.graphqlUrl, RESIDENT_DASHBOARD, { token });
    expect(degraded.errors).toBeUndefined();
    expect(degraded.data?.me?.children).toEqual(healthy.data?.me?.children);
    const stale = (degraded as { extensions?: { stale?: Array<{ system: string; asOf: string }> } }).extensions?.stale;
    expect(stale).toEqual([{ system: 'mesh', asOf: expect.stringMatching(/\+03:00$/) }]);
  });
});
